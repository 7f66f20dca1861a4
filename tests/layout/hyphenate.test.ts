import { describe, expect, test } from 'vitest';
import { SOFT_BREAK, breakableUrl, hyphenate } from '../../src/layout/hyphenate.ts';

const show = (s: string) => s.split(SOFT_BREAK).join('|');

describe('hyphenation', () => {
  test('breaks lower-case words by the en-GB patterns, two letters before and three after', () => {
    expect(show(hyphenate('international relations'))).toBe('in|ter|na|tional re|la|tions');
  });

  test('leaves names, capitalised words, short words and URLs whole', () => {
    for (const s of ['Kragujevac', 'HUAWEI', 'Belgrade', 'the', 'https://www.politika.rs/sr/clanak', 'glasamerike.net']) {
      expect(hyphenate(s)).toBe(s);
    }
  });

  test('a URL may break after a slash but not inside "//"', () => {
    expect(show(breakableUrl('https://orf.at/stories/3200177/'))).toBe('https://orf.at/|stories/|3200177/');
  });
});
