import { describe, expect, it } from 'vitest';
import { mad, median } from './robust';

describe('median and mad', () => {
  it('are robust to one outlier', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, 2, 3, 1000])).toBe(2.5);
    expect(mad([1, 2, 3, 4, 1000])).toBe(1);
    expect(mad([5, 5, 5])).toBe(0);
  });

  it('refuse no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
