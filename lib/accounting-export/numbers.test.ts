import { describe, expect, it } from 'vitest';
import { csvFloat, isoUtc, plainDecimal } from './numbers';

describe('plainDecimal', () => {
  it('writes the shortest round-trip form of the float', () => {
    expect(plainDecimal(0.06)).toBe('0.06');
    expect(plainDecimal(0.1 + 0.2)).toBe('0.30000000000000004');
    // The API's "0.8958740000000000" parses to this number; its trailing zeros are gone.
    expect(plainDecimal(JSON.parse('0.8958740000000000') as number)).toBe('0.895874');
    expect(plainDecimal(12)).toBe('12');
    expect(plainDecimal(-3.5)).toBe('-3.5');
    expect(plainDecimal(0)).toBe('0');
  });

  it('spells out what String() would write with an exponent', () => {
    expect(String(1e-7)).toBe('1e-7');
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(1.2345e-7)).toBe('0.00000012345');
    expect(plainDecimal(-2.5e-9)).toBe('-0.0000000025');
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(plainDecimal(1.234e22)).toBe('12340000000000000000000');
    for (const value of [1e-7, 1.2345e-7, -2.5e-9, 1.5e21]) expect(Number(plainDecimal(value))).toBe(value);
  });

  it('refuses what is not a number', () => {
    expect(() => plainDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => plainDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('csvFloat', () => {
  it('writes whole numbers as floats', () => {
    expect(csvFloat(10)).toBe('10.0');
    expect(csvFloat(0)).toBe('0.0');
    expect(csvFloat(123456789012)).toBe('123456789012.0');
    expect(csvFloat(2.5)).toBe('2.5');
  });
});

describe('isoUtc', () => {
  it('writes UTC with +00:00, like the dashboard', () => {
    expect(isoUtc(1759622400)).toBe('2025-10-05T00:00:00+00:00');
    expect(isoUtc(1735689600 + 3661)).toBe('2025-01-01T01:01:01+00:00');
  });
});
