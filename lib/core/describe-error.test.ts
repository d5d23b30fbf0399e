import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('turns anything thrown into a message', () => {
    expect(describeError(new Error('Network down'))).toBe('Network down');
    expect(describeError(new TypeError())).toBe('TypeError');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError({ code: 403 })).toBe('{"code":403}');
    expect(describeError(undefined)).toBe('undefined');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeError(circular)).toBe('[object Object]');
  });
});
