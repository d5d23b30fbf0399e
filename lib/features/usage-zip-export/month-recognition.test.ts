import { describe, expect, it } from 'vitest';
import { monthFromFileName, monthFromLabel } from './month-recognition';

describe('monthFromFileName', () => {
  it.each([
    ['cost_2025-12-01_2025-12-31.csv', '2025-12'],
    ['cost_2025-12-22_2025-12-31.csv', '2025-12'],
    ['completions_usage_2024-01-01_2024-01-31.csv', '2024-01'],
    ['embeddings_usage_2024-02-01_2024-02-29.csv', '2024-02'],
    ['cost_2025-12-01_2025-12-31 (1).csv', '2025-12'],
    ['cost_2025-12-01_2025-12-31(2).csv', '2025-12'],
    ['C:\\Users\\me\\Downloads\\cost_2024-07-01_2024-07-31.csv', '2024-07'],
    ['/home/me/cost_2024-07-01_2024-07-31.CSV', '2024-07'],
  ])('recognizes %s', (name, month) => {
    expect(monthFromFileName(name)).toBe(month);
  });

  it.each([
    ['a range across two months', 'cost_2024-01-15_2024-02-14.csv'],
    ['a reversed range', 'cost_2024-01-31_2024-01-01.csv'],
    ['an impossible day', 'cost_2023-02-01_2023-02-29.csv'],
    ['a month 13', 'cost_2024-13-01_2024-13-31.csv'],
    ['no prefix', '2024-01-01_2024-01-31.csv'],
    ['a single day', 'cost_2024-01-01.csv'],
    ['no extension', 'cost_2024-01-01_2024-01-31'],
    ['trailing text', 'cost_2024-01-01_2024-01-31_final.csv'],
    ['an unrelated name', 'download.csv'],
    ['an empty string', ''],
  ])('returns null for %s', (_, name) => {
    expect(monthFromFileName(name)).toBeNull();
  });
});

describe('monthFromLabel', () => {
  it.each([
    ['January 2024', '2024-01'],
    ['Jan 2024', '2024-01'],
    ['jan 2024', '2024-01'],
    ['DECEMBER 2025', '2025-12'],
    ['  February\u00a02024 ', '2024-02'],
    ['Feb. 2024', '2024-02'],
    ['March, 2024', '2024-03'],
    ['May 2024', '2024-05'],
    ['Sep 2024', '2024-09'],
    ['Sept 2024', '2024-09'],
    ['2024-11', '2024-11'],
  ])('recognizes %j', (label, month) => {
    expect(monthFromLabel(label)).toBe(month);
  });

  it.each([
    'Janu 2024',
    'Ja 2024',
    'Jan 24',
    'Jan 20245',
    'Janvier 2024',
    '2024-13',
    '2024 January',
    'January',
    'Jan 1 – Jan 31, 2024',
    'Download',
    '',
  ])('returns null for %j', (label) => {
    expect(monthFromLabel(label)).toBeNull();
  });
});
