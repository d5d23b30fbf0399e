import { describe, expect, it } from 'vitest';
import { monthFromLabel } from './month-recognition';

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
