import { describe, expect, it } from 'vitest';
import { BURST_GAP_SECONDS, findFailedLoginBursts } from './failed-logins';
import { auditEvent } from './testing/audit-fixtures';

const T = 1_763_000_000;
const failure = (n: number, at: number, email = 'owner@example.com') => auditEvent(`f${n}`, 'login.failed', at, { email });

describe('findFailedLoginBursts', () => {
  it('finds five failures close together as one burst named after its first failure', () => {
    const events = [0, 60, 120, 180, 240].map((offset, n) => failure(n, T + offset, n % 2 ? 'a@example.com' : 'b@example.com'));
    expect(findFailedLoginBursts(events.reverse())).toEqual([
      { id: 'f0', count: 5, from: T, to: T + 240, accounts: ['b@example.com', 'a@example.com'] },
    ]);
  });

  it('ignores scattered failures and other events', () => {
    const scattered = [0, 1, 2, 3, 4].map((n) => failure(n, T + n * (BURST_GAP_SECONDS + 1)));
    expect(findFailedLoginBursts([...scattered, auditEvent('x', 'api_key.created', T)])).toEqual([]);
    expect(findFailedLoginBursts([failure(1, T), failure(2, T + 1), failure(3, T + 2), failure(4, T + 3)])).toEqual([]);
  });

  it('keeps the burst id when later failures join it', () => {
    const first = [0, 1, 2, 3, 4].map((n) => failure(n, T + n));
    const later = [...first, failure(5, T + 100), failure(6, T + 200)];
    expect(findFailedLoginBursts(first)[0]!.id).toBe(findFailedLoginBursts(later)[0]!.id);
    expect(findFailedLoginBursts(later)[0]!.count).toBe(7);
  });
});
