/**
 * The organization's security posture in five lines. Each says what was found and why it
 * matters in one sentence; where the Admin API cannot tell, the line says "unknown"
 * instead of guessing.
 */
import type { AuditLogEvent } from '../admin-api/audit-logs';
import type { SpendLimit } from '../admin-api/spend-limits';
import { formatMoney } from '../core/format';
import type { DashboardPage } from './dashboard-page';
import { formatUtcDay } from './format';

export type PostureStatus = 'good' | 'attention' | 'unknown';

export interface PostureLine {
  id: 'audit-logging' | 'spend-limit' | 'ip-allowlist' | 'admin-key-expiry' | 'default-project-spend';
  label: string;
  value: string;
  status: PostureStatus;
  why: string;
  page: DashboardPage;
}

/** What the audit-log read said about audit logging itself. */
export type AuditAvailability = 'on' | 'off' | 'forbidden' | 'empty' | 'unknown';

export interface PostureInput {
  audit: AuditAvailability;
  /** undefined: could not be read; null: none set. */
  spendLimit: SpendLimit | null | undefined;
  /** Stored audit events (any order); IP-allowlist changes among them are the only evidence of one. */
  events: readonly AuditLogEvent[];
  /** undefined: the key in use could not be found in the admin-key list. */
  adminKeyExpiresAt: number | null | undefined;
  /** undefined: no project called "Default project" among the cached figures. */
  defaultProject: { monthToDate: string; spent: boolean } | undefined;
  nowSeconds: number;
}

const DAY = 86_400;
/** An admin key expiring within this is worth renewing now. */
export const EXPIRY_WARNING_DAYS = 14;

export function postureLines(input: PostureInput): PostureLine[] {
  return [auditLine(input.audit), spendLimitLine(input.spendLimit), ipAllowlistLine(input.events), adminKeyLine(input), defaultProjectLine(input.defaultProject)];
}

function auditLine(audit: AuditAvailability): PostureLine {
  const values: Record<AuditAvailability, [string, PostureStatus]> = {
    on: ['on', 'good'],
    off: ['off', 'attention'],
    forbidden: ['unknown: this admin key may not read the audit log', 'unknown'],
    empty: ['unknown: no events in the last 30 days (the log would be empty if it is off)', 'unknown'],
    unknown: ['unknown: the audit log could not be read', 'unknown'],
  };
  const [value, status] = values[audit];
  return {
    id: 'audit-logging',
    label: 'Audit logging',
    value,
    status,
    why: 'Without it nobody can tell afterwards who created a key or changed a setting.',
    page: { kind: 'data-retention' },
  };
}

function spendLimitLine(limit: SpendLimit | null | undefined): PostureLine {
  const base = {
    id: 'spend-limit' as const,
    label: 'Hard spend limit',
    why: 'A hard limit stops requests once it is reached, so a leaked key cannot run up an unbounded bill.',
    page: { kind: 'limits', projectId: null } as DashboardPage,
  };
  if (limit === undefined) return { ...base, value: 'unknown: the limit could not be read', status: 'unknown' };
  if (limit === null) return { ...base, value: 'not set for the organization', status: 'attention' };
  const amount = `${formatMoney(limit.thresholdMicros, limit.currency)} per ${limit.interval}`;
  return {
    ...base,
    value: limit.enforcing ? amount : `${amount}, not enforced (${limit.enforcementStatus ?? 'inactive'})`,
    status: limit.enforcing ? 'good' : 'attention',
  };
}

/** No Admin API endpoint reads the allowlist: only a change seen in the audit log says anything. */
function ipAllowlistLine(events: readonly AuditLogEvent[]): PostureLine {
  const base = {
    id: 'ip-allowlist' as const,
    label: 'IP allowlist',
    why: 'An allowlist makes a leaked key useless from anywhere but your own networks.',
    page: { kind: 'organization-settings' } as DashboardPage,
  };
  const latest = events
    .filter((event) => event.type.startsWith('ip_allowlist.'))
    .reduce<AuditLogEvent | null>((best, event) => (best === null || event.effectiveAt > best.effectiveAt ? event : best), null);
  if (latest === null) return { ...base, value: 'unknown: the Admin API cannot read it, and the audit log shows no change in 30 days', status: 'unknown' };
  const day = formatUtcDay(latest.effectiveAt);
  if (latest.type === 'ip_allowlist.deleted' || latest.type === 'ip_allowlist.config.deactivated') {
    return { ...base, value: `probably none: the last change (${day}) removed or switched one off`, status: 'attention' };
  }
  return { ...base, value: `present: changed on ${day}, per the audit log`, status: 'good' };
}

function adminKeyLine(input: PostureInput): PostureLine {
  const base = {
    id: 'admin-key-expiry' as const,
    label: "This admin key's expiry",
    why: 'An admin key can do anything to the organization; one that expires limits the harm if it leaks.',
    page: { kind: 'admin-keys' } as DashboardPage,
  };
  const expiresAt = input.adminKeyExpiresAt;
  if (expiresAt === undefined) return { ...base, value: 'unknown: the key was not found in the admin-key list', status: 'unknown' };
  if (expiresAt === null) return { ...base, value: 'never expires', status: 'attention' };
  if (expiresAt <= input.nowSeconds) return { ...base, value: `expired on ${formatUtcDay(expiresAt)}`, status: 'attention' };
  const soon = expiresAt - input.nowSeconds < EXPIRY_WARNING_DAYS * DAY;
  return { ...base, value: `expires on ${formatUtcDay(expiresAt)}`, status: soon ? 'attention' : 'good' };
}

function defaultProjectLine(spend: PostureInput['defaultProject']): PostureLine {
  const base = {
    id: 'default-project-spend' as const,
    label: 'Spend in the Default project',
    why: 'The Default project cannot be given a spend limit, so spend there is the hardest to contain.',
    page: { kind: 'usage' } as DashboardPage,
  };
  if (spend === undefined) return { ...base, value: 'unknown: no project named "Default project" in the figures', status: 'unknown' };
  return { ...base, value: `${spend.monthToDate} this month`, status: spend.spent ? 'attention' : 'good' };
}
