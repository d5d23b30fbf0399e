import { describe, expect, it } from 'vitest';
import { AUDIT_WINDOW_DAYS, FIRST_READ_MAX_PAGES, LATE_ARRIVAL_OVERLAP_SECONDS, MAX_STORED_EVENTS, mergeAuditEvents, planAuditRead } from './audit-window';
import { auditEvent } from './testing/audit-fixtures';

const DAY = 86_400;
const NOW = 1_763_000_000;

describe('planAuditRead', () => {
  it('reads 30 days, bounded, the first time; afterwards from the newest effective_at seen', () => {
    expect(planAuditRead(null, NOW)).toEqual({ effectiveAfter: NOW - AUDIT_WINDOW_DAYS * DAY, maxPages: FIRST_READ_MAX_PAGES, first: true });
    const next = planAuditRead(NOW - 3600, NOW);
    expect(next.first).toBe(false);
    expect(next.effectiveAfter).toBe(NOW - 3600 - LATE_ARRIVAL_OVERLAP_SECONDS);
  });
});

describe('mergeAuditEvents', () => {
  it('adds only unseen ids, newest first by the API timestamps, and moves the cursor', () => {
    const stored = [auditEvent('b', 'api_key.created', NOW - 100), auditEvent('a', 'project.created', NOW - 200)];
    // The overlap returns "b" again; "c" arrived late with an older timestamp than "b".
    const read = [auditEvent('d', 'user.added', NOW - 10), auditEvent('b', 'api_key.created', NOW - 100), auditEvent('c', 'invite.sent', NOW - 150)];
    const merged = mergeAuditEvents(stored, read, NOW - 100);
    expect(merged.events.map((event) => event.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(merged.fresh.map((event) => event.id)).toEqual(['d', 'c']);
    expect(merged.newestEffectiveAt).toBe(NOW - 10);
  });

  it('an empty read changes nothing and keeps the cursor', () => {
    const stored = [auditEvent('a', 'project.created', NOW - 200)];
    expect(mergeAuditEvents(stored, [], NOW - 200)).toEqual({ events: stored, fresh: [], newestEffectiveAt: NOW - 200 });
    expect(mergeAuditEvents([], [], null)).toEqual({ events: [], fresh: [], newestEffectiveAt: null });
  });

  it('keeps 30 days back from the newest event, whatever the computer clock says', () => {
    // Timestamps far from any real "now": only their distance to each other counts.
    const old = auditEvent('old', 'project.created', 1000);
    const recent = auditEvent('new', 'project.created', 1000 + 31 * DAY);
    expect(mergeAuditEvents([old], [recent], 1000).events.map((event) => event.id)).toEqual(['new']);
  });

  it('keeps at most MAX_STORED_EVENTS, the newest', () => {
    const many = Array.from({ length: MAX_STORED_EVENTS + 5 }, (_, n) => auditEvent(`e${n}`, 'api_key.updated', NOW - n));
    const merged = mergeAuditEvents([], many, null);
    expect(merged.events).toHaveLength(MAX_STORED_EVENTS);
    expect(merged.events[0]!.id).toBe('e0');
  });
});
