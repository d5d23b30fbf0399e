import { parseAuditLogEvent, type AuditLogEvent } from '../../admin-api/audit-logs';

/** An audit-log event as the API sends it (spec `AuditLog`), with a session actor unless told otherwise. */
export function rawAuditEvent(
  id: string,
  type: string,
  effectiveAt: number,
  extra: { email?: string; project?: { id: string; name?: string }; payload?: Record<string, unknown>; actor?: unknown } = {},
): Record<string, unknown> {
  return {
    id,
    type,
    effective_at: effectiveAt,
    actor: extra.actor ?? {
      type: 'session',
      session: { user: { id: 'user-1', email: extra.email ?? 'owner@example.com' }, ip_address: '203.0.113.9' },
    },
    ...(extra.project ? { project: extra.project } : {}),
    [type]: extra.payload ?? {},
  };
}

/** The same, parsed as the extension stores it. */
export function auditEvent(...args: Parameters<typeof rawAuditEvent>): AuditLogEvent {
  return parseAuditLogEvent(rawAuditEvent(...args), 'event');
}

/** A page of `GET /organization/audit_logs`. */
export function auditPage(events: Record<string, unknown>[], hasMore = false): unknown {
  return {
    object: 'list',
    data: events,
    first_id: (events[0]?.['id'] as string | undefined) ?? null,
    last_id: (events.at(-1)?.['id'] as string | undefined) ?? null,
    has_more: hasMore,
  };
}
