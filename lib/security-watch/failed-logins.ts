import type { AuditLogEvent } from '../admin-api/audit-logs';

/** Failed sign-ins closer together than this belong to one burst. */
export const BURST_GAP_SECONDS = 10 * 60;
/** How many failed sign-ins in one burst are worth a notification. */
export const BURST_MIN_FAILURES = 5;

export interface FailedLoginBurst {
  /** The burst's first failure: stable as later failures join it, so it is notified once. */
  id: string;
  count: number;
  /** Unix seconds (API clock). */
  from: number;
  to: number;
  /** Accounts tried, as the log names them. */
  accounts: string[];
}

/**
 * Groups `login.failed` events (any account: credential stuffing tries many) by time:
 * a failure more than BURST_GAP_SECONDS after the previous one starts a new group. Groups
 * of BURST_MIN_FAILURES or more are bursts. Ordered by the API's timestamps, oldest first.
 */
export function findFailedLoginBursts(events: readonly AuditLogEvent[]): FailedLoginBurst[] {
  const failures = events
    .filter((event) => event.type === 'login.failed')
    .sort((a, b) => a.effectiveAt - b.effectiveAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups: AuditLogEvent[][] = [];
  for (const failure of failures) {
    const current = groups.at(-1);
    const last = current?.at(-1);
    if (current && last && failure.effectiveAt - last.effectiveAt <= BURST_GAP_SECONDS) current.push(failure);
    else groups.push([failure]);
  }
  return groups
    .filter((group) => group.length >= BURST_MIN_FAILURES)
    .map((group) => ({
      id: group[0]!.id,
      count: group.length,
      from: group[0]!.effectiveAt,
      to: group.at(-1)!.effectiveAt,
      accounts: [...new Set(group.map((event) => event.actor.label ?? 'unknown account'))],
    }));
}
