import { isRecord } from './stored-shape';
import { defineVersionedItem } from './versioned-item';

/** The events that can mean a compromise, each of which may raise a notification. */
export type SecurityNoticeKind = 'admin-key-created' | 'api-key-off-hours' | 'failed-login-burst' | 'logging-off';

export const SECURITY_NOTICE_KINDS: readonly SecurityNoticeKind[] = [
  'admin-key-created',
  'api-key-off-hours',
  'failed-login-burst',
  'logging-off',
];

/**
 * "Usual hours": from `startHour` to `endHour` (whole hours, end exclusive) in the
 * browser's time zone, Monday to Friday unless `weekends` is set. Simple on purpose: the
 * user can read it in options and see why a key made at 23:10 on a Sunday was flagged.
 */
export interface UsualHours {
  startHour: number;
  endHour: number;
  weekends: boolean;
}

export interface SecurityWatchSettings {
  /**
   * Off until the user switches it on: the audit log carries members' e-mail and IP
   * addresses, and reading it costs requests on every refresh.
   */
  enabled: boolean;
  notify: Record<SecurityNoticeKind, boolean>;
  usualHours: UsualHours;
  /** A key last used longer ago than this many days is "unused". */
  unusedDays: number;
}

export const DEFAULT_SECURITY_SETTINGS: SecurityWatchSettings = {
  enabled: false,
  notify: { 'admin-key-created': true, 'api-key-off-hours': true, 'failed-login-burst': true, 'logging-off': true },
  usualHours: { startHour: 8, endHour: 20, weekends: false },
  unusedDays: 90,
};

export const MIN_UNUSED_DAYS = 7;
export const MAX_UNUSED_DAYS = 365;

export const securityWatchSettings = defineVersionedItem<SecurityWatchSettings>('sync:securityWatch', {
  fallback: DEFAULT_SECURITY_SETTINGS,
  version: 1,
  migrations: {},
  // Read through normalizeSecuritySettings, which replaces what is missing or out of range.
  validate: isRecord,
});

/** Settings as stored, with anything missing or out of range replaced by its default (sync data may be older or edited). */
export function normalizeSecuritySettings(value: Partial<SecurityWatchSettings> | null | undefined): SecurityWatchSettings {
  const d = DEFAULT_SECURITY_SETTINGS;
  const hour = (v: unknown, fallback: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : fallback;
  const notify = { ...d.notify };
  for (const kind of SECURITY_NOTICE_KINDS) {
    const flag = value?.notify?.[kind];
    if (typeof flag === 'boolean') notify[kind] = flag;
  }
  const days = value?.unusedDays;
  return {
    enabled: typeof value?.enabled === 'boolean' ? value.enabled : d.enabled,
    notify,
    usualHours: {
      startHour: hour(value?.usualHours?.startHour, d.usualHours.startHour, 23),
      endHour: hour(value?.usualHours?.endHour, d.usualHours.endHour, 24),
      weekends: typeof value?.usualHours?.weekends === 'boolean' ? value.usualHours.weekends : d.usualHours.weekends,
    },
    unusedDays:
      typeof days === 'number' && Number.isInteger(days) && days >= MIN_UNUSED_DAYS && days <= MAX_UNUSED_DAYS
        ? days
        : d.unusedDays,
  };
}
