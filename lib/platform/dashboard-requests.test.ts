import { describe, expect, it } from 'vitest';
import { canCarryOrganizationSettings } from './dashboard-requests';

describe('canCarryOrganizationSettings', () => {
  it.each([
    ['https://api.openai.com/v1/organizations', true],
    ['https://api.openai.com/v1/dashboard/organizations/org-Hp9m', true],
    ['https://api.openai.com/v1/organization/settings', true],
    ['https://api.openai.com/v1/organizations/org-Hp9m/data-retention', true],
    ['https://api.openai.com/v1/me', true],
    ['https://platform.openai.com/__api/v1/organizations/org-FixtureAcme', true],
    ['https://api.openai.com/v1/dashboard/organization/costs', false],
    ['https://api.openai.com/v1/dashboard/organization/usage/completions', false],
    ['https://api.openai.com/v1/organizations/org-Hp9m/usage', false],
    ['https://api.openai.com/v1/organizations/org-Hp9m/projects', false],
    ['https://api.openai.com/v1/organization/audit_logs', false],
    ['https://evil.example/v1/organizations', false],
    ['http://api.openai.com/v1/organizations', false],
  ])('%s → %s', (url, expected) => {
    expect(canCarryOrganizationSettings(new URL(url))).toBe(expected);
  });
});
