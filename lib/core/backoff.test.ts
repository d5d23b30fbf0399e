import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles per attempt, half fixed and half random', () => {
    expect([1, 2, 3].map((attempt) => backoffDelay(attempt, { baseMs: 100, random: () => 0 }))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((attempt) => backoffDelay(attempt, { baseMs: 100, random: () => 1 }))).toEqual([100, 200, 400]);
  });

  it('never exceeds the cap, and has none unless given', () => {
    expect(backoffDelay(10, { baseMs: 1000, maxMs: 5000, random: () => 0.999 })).toBe(4997.5);
    expect(backoffDelay(10, { baseMs: 1000, random: () => 0 })).toBe(256_000);
  });
});
