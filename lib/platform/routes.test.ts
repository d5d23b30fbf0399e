import { describe, expect, it } from 'vitest';
import { isUsagePage } from './routes';

describe('isUsagePage', () => {
  it.each([
    ['https://platform.openai.com/usage', true],
    ['https://platform.openai.com/usage/activity', true],
    ['https://platform.openai.com/account/usage', true],
    ['https://platform.openai.com/usage-policies', false],
    ['https://platform.openai.com/logs', false],
  ])('%s → %s', (url, expected) => {
    expect(isUsagePage(new URL(url))).toBe(expected);
  });
});
