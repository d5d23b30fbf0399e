import { describe, expect, it } from 'vitest';
import { elapsedSince, isWaiting, isWithin } from './clock';

const AT = Date.parse('2028-02-29T12:00:00Z');
const HOUR = 3_600_000;

describe('elapsedSince', () => {
  it('is the time since a past instant', () => {
    expect(elapsedSince(AT - HOUR, AT)).toBe(HOUR);
    expect(elapsedSince(AT, AT)).toBe(0);
  });

  it('is unknown for a time in the future, never set, or not a number', () => {
    expect(elapsedSince(AT + 6 * HOUR, AT)).toBeNull();
    expect(elapsedSince(null, AT)).toBeNull();
    expect(elapsedSince(undefined, AT)).toBeNull();
    expect(elapsedSince(Number.NaN, AT)).toBeNull();
  });
});

describe('isWithin', () => {
  it('holds only for a known time less than the gap ago', () => {
    expect(isWithin(AT - 59_000, 60_000, AT)).toBe(true);
    expect(isWithin(AT - 60_000, 60_000, AT)).toBe(false);
    // Stored while the clock was 6 hours fast: not "recent", so the extension acts.
    expect(isWithin(AT + 6 * HOUR, 60_000, AT)).toBe(false);
    expect(isWithin(null, 60_000, AT)).toBe(false);
  });
});

describe('isWaiting', () => {
  it('holds until its end, set in the past', () => {
    expect(isWaiting({ setAt: AT - 10_000, until: AT + 20_000, maxMs: HOUR }, AT)).toBe(true);
    expect(isWaiting({ setAt: AT - 10_000, until: AT, maxMs: HOUR }, AT)).toBe(false);
  });

  it('never lasts longer than its bound from when it was set', () => {
    expect(isWaiting({ setAt: AT - HOUR, until: AT + 365 * 24 * HOUR, maxMs: HOUR }, AT)).toBe(false);
    expect(isWaiting({ setAt: AT - HOUR + 1, until: AT + 365 * 24 * HOUR, maxMs: HOUR }, AT)).toBe(true);
  });

  it('does not hold when set by a clock that was ahead (a 429 recorded a year fast)', () => {
    const yearAhead = AT + 365 * 24 * HOUR;
    expect(isWaiting({ setAt: yearAhead, until: yearAhead + 30_000, maxMs: HOUR }, AT)).toBe(false);
  });

  it('does not hold without an end or with a start unknown', () => {
    expect(isWaiting({ setAt: AT, until: null, maxMs: HOUR }, AT)).toBe(false);
    expect(isWaiting({ setAt: null, until: AT + 1, maxMs: HOUR }, AT)).toBe(false);
  });
});
