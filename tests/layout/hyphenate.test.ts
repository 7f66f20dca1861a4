import { describe, expect, test } from 'vitest';
import { SOFT_BREAK, breakableUrl, hyphenate, keepHyphenation, recallHyphenation } from '../../src/layout/hyphenate.ts';
import { memoryCache } from '../support/memoryCache.ts';

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

describe('broken words kept in the cache', () => {
  test('the words a build broke are stored with their breaks, and only when there are new ones', () => {
    const cache = memoryCache();
    // en-US: patterns no other test in this file has used, so this process starts with none known.
    recallHyphenation(cache, 'en-US');
    expect(cache.misses).toEqual(['hyphenation']);
    expect(show(hyphenate('international relations', 'en-US'))).toBe('in|ter|na|tional re|la|tions');
    keepHyphenation(cache, 'en-US');
    const stored = [...cache.entries.values()][0] as Record<string, string>;
    expect(Object.fromEntries(Object.entries(stored).map(([w, b]) => [w, show(b)]))).toEqual({ international: 'in|ter|na|tional', relations: 're|la|tions' });
    keepHyphenation(cache, 'en-US');
    expect(cache.writes).toHaveLength(1);
  });

  test('stored breaks are used as they are, without loading the patterns', () => {
    const cache = memoryCache();
    // A hand-made entry a real build would never write, to see that it is read.
    cache.write('hyphenation', 'de', { vereinbarung: 'verein\u200Bbarung' });
    recallHyphenation(cache, 'de');
    expect(show(hyphenate('die vereinbarung', 'de'))).toBe('die verein|barung');
  });
});
