import { describe, expect, test } from 'vitest';
import { formatDate, formatFigure, formatPeriod, formatQualified, inWords } from '../../src/figures/format.ts';
import type { Figure } from '../../src/load/schema.ts';

const money = (value: number, currency: string): Figure => ({ kind: 'money', label: 'x', value, currency });

describe('figures in en-GB house style', () => {
  test('money scales to millions and billions and names its currency', () => {
    expect(formatFigure(money(1_260_000_000, 'USD'))).toBe('USD 1.26 billion');
    expect(formatFigure(money(31_400_000, 'EUR'))).toBe('€31.4 million');
    expect(formatFigure(money(2_960_000_000, 'EUR'), 'words')).toBe('2.96 billion euros');
    expect(formatFigure({ kind: 'money', label: 'x', min: 9e9, max: 1e10, currency: 'EUR' }, 'words')).toBe('9–10 billion euros');
  });

  test('percentages, counts, multiples, ranks and fractions', () => {
    expect(formatFigure({ kind: 'percent', label: 'x', value: 59.9 })).toBe('59.9%');
    expect(formatFigure({ kind: 'count', label: 'x', value: 268572 })).toBe('268,572');
    expect(formatFigure({ kind: 'count', label: 'x', value: 60 }, 'words')).toBe('sixty');
    expect(formatFigure({ kind: 'multiple', label: 'x', value: 45 })).toBe('45 times');
    expect(formatFigure({ kind: 'multiple', label: 'x', value: 2 }, 'verb')).toBe('doubled');
    expect(formatFigure({ kind: 'rank', label: 'x', value: 2 })).toBe('second');
    expect(formatFigure({ kind: 'fraction', label: 'x', numerator: 2, denominator: 3 })).toBe('two thirds');
  });

  test('qualifiers and periods', () => {
    expect(formatQualified({ kind: 'percent', label: 'x', value: 70, qualifier: 'almost' })).toBe('almost 70%');
    expect(formatPeriod({ from: 2015, to: 2020 }, true)).toBe('2015–20');
    expect(formatPeriod({ from: 2009, to: 2018 })).toBe('2009–2018');
    expect(inWords(21)).toBe('twenty-one');
  });

  test('a money figure with no stated amount refuses to print a number', () => {
    expect(() => formatFigure({ kind: 'money', label: 'x', value: null, currency: 'EUR' })).toThrow();
  });
});

describe('dates and currencies in the brief’s language', () => {
  test('YYYY, YYYY-MM and YYYY-MM-DD all print', () => {
    expect(formatDate('2021')).toBe('2021');
    expect(formatDate('2024-05')).toBe('May 2024');
    expect(formatDate('2024-05-15')).toBe('15 May 2024');
    expect(formatDate('2024-05-15', 'en-US')).toBe('May 15, 2024');
    expect(formatDate('2024-05-15', 'de-DE')).toBe('15. Mai 2024');
    expect(formatDate('2024-05', 'fr-FR')).toBe('mai 2024');
  });

  test('money in any ISO 4217 currency, in the house style’s form', () => {
    const m = (value: number, currency: string): Figure => ({ kind: 'money', label: 'x', value, currency });
    expect(formatFigure(m(150_000_000, 'EUR'))).toBe('€150 million');
    expect(formatFigure(m(40_000_000, 'GBP'))).toBe('£40 million');
    expect(formatFigure(m(40_000_000, 'CHF'))).toBe('CHF 40 million');
    expect(formatFigure(m(2_450_000_000, 'GHS'))).toBe('GHS 2.45 billion');
    expect(formatFigure(m(40_000_000, 'CHF'), 'words')).toBe('40 million Swiss francs');
    expect(formatFigure(m(1_500_000, 'EUR'), 'default', 'de-DE')).toBe('€1,5 million');
  });

  test('a currency\'s name is worked out per language, not once for all', () => {
    const m: Figure = { kind: 'money', label: 'x', value: 40_000_000, currency: 'CHF' };
    expect(formatFigure(m, 'words')).toBe('40 million Swiss francs');
    expect(formatFigure(m, 'words', 'de-DE')).toBe('40 million Schweizer Franken');
    expect(formatFigure(m, 'words', 'fr-FR')).toBe('40 million francs suisses');
    expect(formatFigure(m, 'words')).toBe('40 million Swiss francs');
  });
});
