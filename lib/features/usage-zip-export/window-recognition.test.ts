import { describe, expect, it } from 'vitest';
import { windowFromFileName, windowFromLabel } from './window-recognition';

const range = (start: string, endInclusive: string) => ({ start, endInclusive });

describe('windowFromFileName', () => {
  it.each([
    ['cost_2026-06-01_2026-07-01.csv', 'cost', range('2026-06-01', '2026-07-01')],
    ['cost_2026-07-02_2026-08-01.csv', 'cost', range('2026-07-02', '2026-08-01')],
    ['completions_usage_2026-05-01_2026-05-31.csv', 'completions_usage', range('2026-05-01', '2026-05-31')],
    ['embeddings_usage_2026-08-02_2026-08-21 (1).csv', 'embeddings_usage', range('2026-08-02', '2026-08-21')],
    ['C:\\Users\\me\\Downloads\\cost_2024-07-01_2024-07-31(2).CSV', 'cost', range('2024-07-01', '2024-07-31')],
    ['cost_2025-12-22_2025-12-22.csv', 'cost', range('2025-12-22', '2025-12-22')],
  ])('reads %s', (name, kind, days) => {
    expect(windowFromFileName(name)).toEqual({ kind, range: days });
  });

  it.each([
    ['a reversed range', 'cost_2026-07-01_2026-06-01.csv'],
    ['an impossible day', 'cost_2023-02-01_2023-02-29.csv'],
    ['no prefix', '2024-01-01_2024-01-31.csv'],
    ['one day only', 'cost_2024-01-01.csv'],
    ['trailing text', 'cost_2024-01-01_2024-01-31_final.csv'],
    ['an unrelated name', 'download.csv'],
    ['nothing', ''],
  ])('gives null for %s', (_, name) => {
    expect(windowFromFileName(name)).toBeNull();
  });
});

describe('windowFromLabel', () => {
  it.each([
    // Ranges of named dates, as a dashboard would print a 31-day window.
    ['Jun 1, 2026 – Jul 1, 2026', range('2026-06-01', '2026-07-01')],
    ['Jun 1 – Jul 1, 2026', range('2026-06-01', '2026-07-01')],
    ['June 1st - July 1st, 2026', range('2026-06-01', '2026-07-01')],
    ['1 Jun 2026 – 1 Jul 2026', range('2026-06-01', '2026-07-01')],
    ['1 June – 1 July 2026', range('2026-06-01', '2026-07-01')],
    ['Dec 15 – Jan 14, 2026', range('2025-12-15', '2026-01-14')],
    ['Aug 2 – 21, 2026', range('2026-08-02', '2026-08-21')],
    ['Sept 3, 2026 to Oct 3, 2026', range('2026-09-03', '2026-10-03')],
    ['Costs · 2 Jul 2026 → 1 Aug 2026 · 12 KB', range('2026-07-02', '2026-08-01')],
    // ISO days, with any separator, or a whole file name.
    ['2026-06-01 – 2026-07-01', range('2026-06-01', '2026-07-01')],
    ['2026-06-01 to 2026-07-01', range('2026-06-01', '2026-07-01')],
    ['cost_2026-07-02_2026-08-01.csv', range('2026-07-02', '2026-08-01')],
    ['2026-08-21', range('2026-08-21', '2026-08-21')],
    // A month: its whole days.
    ['January 2024', range('2024-01-01', '2024-01-31')],
    ['Feb. 2024', range('2024-02-01', '2024-02-29')],
    ['2024-11', range('2024-11-01', '2024-11-30')],
    ['Usage for March, 2025', range('2025-03-01', '2025-03-31')],
  ])('reads %j', (label, days) => {
    expect(windowFromLabel(label)).toEqual(days);
  });

  it.each([
    'Part 1 of 4',
    'Download',
    'File 3',
    'a 31-day window',
    'Jun 1 – Jul 1',
    '2026-07-01 – 2026-06-01',
    'Feb 30, 2026 – Mar 2, 2026',
    'Janvier 2024',
    '',
  ])('gives null for %j: such rows go by click order', (label) => {
    expect(windowFromLabel(label)).toBeNull();
  });
});
