import type { AuditLogEvent } from '../admin-api/audit-logs';

export const AUDIT_WINDOW_DAYS = 30;
const DAY = 86_400;
/** The first read covers 30 days but stops after this many pages (100 events each). */
export const FIRST_READ_MAX_PAGES = 5;
/** A later read only asks for what is new; this bounds a burst of activity between two refreshes. */
export const INCREMENTAL_MAX_PAGES = 10;
/**
 * Later reads ask from a little before the newest event seen: an event can reach the log
 * after one with a later `effective_at` (its clock, not ours). Ids already stored are
 * skipped, so the overlap costs no second notification and, being seconds wide, no extra page.
 */
export const LATE_ARRIVAL_OVERLAP_SECONDS = 300;
/** Storage bound: a busy organization's month can hold more; the newest are kept. */
export const MAX_STORED_EVENTS = 1000;

export interface AuditReadPlan {
  effectiveAfter: number;
  maxPages: number;
  first: boolean;
}

/** What to ask for: 30 days on the first read, then only what follows the newest `effective_at` seen. */
export function planAuditRead(newestSeen: number | null, nowSeconds: number): AuditReadPlan {
  if (newestSeen === null) {
    return { effectiveAfter: nowSeconds - AUDIT_WINDOW_DAYS * DAY, maxPages: FIRST_READ_MAX_PAGES, first: true };
  }
  return { effectiveAfter: newestSeen - LATE_ARRIVAL_OVERLAP_SECONDS, maxPages: INCREMENTAL_MAX_PAGES, first: false };
}

/** Newest first by the API's timestamps; ids break ties so the order is stable. */
export function byNewest(a: AuditLogEvent, b: AuditLogEvent): number {
  return b.effectiveAt - a.effectiveAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export interface MergedAudit {
  /** Stored plus new, newest first, 30 days back from the newest one, at most MAX_STORED_EVENTS. */
  events: AuditLogEvent[];
  /** Events not stored before (in API order, newest first). */
  fresh: AuditLogEvent[];
  newestEffectiveAt: number | null;
}

/**
 * Adds a read to what was stored. The 30-day window is measured back from the newest
 * event's own timestamp, never the computer's clock, so a clock set wrong cannot empty
 * the list or keep events forever.
 */
export function mergeAuditEvents(
  stored: readonly AuditLogEvent[],
  read: readonly AuditLogEvent[],
  previousNewest: number | null,
): MergedAudit {
  const known = new Set(stored.map((event) => event.id));
  const fresh: AuditLogEvent[] = [];
  for (const event of read) {
    if (known.has(event.id)) continue;
    known.add(event.id);
    fresh.push(event);
  }
  fresh.sort(byNewest);
  const all = [...stored, ...fresh].sort(byNewest);
  const newestEffectiveAt = Math.max(previousNewest ?? -Infinity, ...read.map((event) => event.effectiveAt));
  const newest = Number.isFinite(newestEffectiveAt) ? newestEffectiveAt : null;
  const cutoff = newest === null ? -Infinity : newest - AUDIT_WINDOW_DAYS * DAY;
  return {
    events: all.filter((event) => event.effectiveAt > cutoff).slice(0, MAX_STORED_EVENTS),
    fresh,
    newestEffectiveAt: newest,
  };
}
