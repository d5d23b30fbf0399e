import { describe, expect, it } from 'vitest';
import { formatProgressText } from './run-text';

describe('formatProgressText', () => {
  it('counts settled files out of all', () => {
    expect(formatProgressText({ done: 7, total: 12, failed: 0 })).toBe('7 of 12');
    expect(formatProgressText({ done: 0, total: 1, failed: 0 })).toBe('0 of 1');
  });

  it('mentions failures once there are any', () => {
    expect(formatProgressText({ done: 12, total: 12, failed: 2 })).toBe('12 of 12, 2 failed');
  });
});
