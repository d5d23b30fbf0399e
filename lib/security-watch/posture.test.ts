import { describe, expect, it } from 'vitest';
import { postureLines, type PostureInput } from './posture';
import { auditEvent } from './testing/audit-fixtures';

const DAY = 86_400;
const NOW = Date.parse('2025-03-14T12:00:00Z') / 1000;

const base: PostureInput = {
  audit: 'on',
  spendLimit: { thresholdMicros: 100_000_000, currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: 'enforcing' },
  events: [],
  adminKeyExpiresAt: NOW + 60 * DAY,
  defaultProject: { monthToDate: '$0.00', spent: false },
  nowSeconds: NOW,
};
const line = (input: Partial<PostureInput>, id: string) => postureLines({ ...base, ...input }).find((candidate) => candidate.id === id)!;

describe('postureLines', () => {
  it('gives five lines, each with a reason in one sentence', () => {
    const lines = postureLines(base);
    expect(lines.map((candidate) => [candidate.id, candidate.value, candidate.status])).toEqual([
      ['audit-logging', 'on', 'good'],
      ['spend-limit', '$100.00 per month', 'good'],
      ['ip-allowlist', 'unknown: the Admin API cannot read it, and the audit log shows no change in 30 days', 'unknown'],
      ['admin-key-expiry', 'expires on 2025-05-13', 'good'],
      ['default-project-spend', '$0.00 this month', 'good'],
    ]);
    for (const candidate of lines) expect(candidate.why).toMatch(/^[A-Z][^.]*\.$/);
  });

  it('says "unknown" where the API cannot tell, instead of guessing', () => {
    expect(line({ audit: 'forbidden' }, 'audit-logging')).toMatchObject({ status: 'unknown', value: 'unknown: this admin key may not read the audit log' });
    expect(line({ audit: 'empty' }, 'audit-logging').status).toBe('unknown');
    expect(line({ spendLimit: undefined }, 'spend-limit').status).toBe('unknown');
    expect(line({ adminKeyExpiresAt: undefined }, 'admin-key-expiry').status).toBe('unknown');
    expect(line({ defaultProject: undefined }, 'default-project-spend').status).toBe('unknown');
  });

  it('flags what needs attention', () => {
    expect(line({ audit: 'off' }, 'audit-logging')).toMatchObject({ value: 'off', status: 'attention' });
    expect(line({ spendLimit: null }, 'spend-limit')).toMatchObject({ value: 'not set for the organization', status: 'attention' });
    expect(line({ spendLimit: { thresholdMicros: 50_000_000, currency: 'USD', interval: 'month', enforcing: false, enforcementStatus: 'inactive' } }, 'spend-limit')).toMatchObject({
      value: '$50.00 per month, not enforced (inactive)',
      status: 'attention',
    });
    expect(line({ adminKeyExpiresAt: null }, 'admin-key-expiry')).toMatchObject({ value: 'never expires', status: 'attention' });
    expect(line({ adminKeyExpiresAt: NOW + 3 * DAY }, 'admin-key-expiry').status).toBe('attention');
    expect(line({ adminKeyExpiresAt: NOW - DAY }, 'admin-key-expiry').value).toBe('expired on 2025-03-13');
    expect(line({ defaultProject: { monthToDate: '$12.00', spent: true } }, 'default-project-spend')).toMatchObject({ value: '$12.00 this month', status: 'attention' });
  });

  it('reads the IP allowlist only from its latest change in the audit log', () => {
    const created = auditEvent('i1', 'ip_allowlist.created', NOW - 5 * DAY);
    const off = auditEvent('i2', 'ip_allowlist.config.deactivated', NOW - DAY);
    expect(line({ events: [created] }, 'ip-allowlist')).toMatchObject({ status: 'good', value: 'present: changed on 2025-03-09, per the audit log' });
    expect(line({ events: [off, created] }, 'ip-allowlist')).toMatchObject({ status: 'attention' });
  });
});
