import { describe, expect, it } from 'vitest';
import { auditPage, rawAuditEvent } from '../security-watch/testing/audit-fixtures';
import { createAdminGet } from './admin-request';
import { parseAuditLogEvent, readAuditLogs } from './audit-logs';
import { fakeFetch } from './testing/fake-fetch';

const KEY = 'sk-admin-test';
const T = 1_763_000_000;

describe('parseAuditLogEvent', () => {
  it("reads the spec's example: actor, project, target and changes", () => {
    const event = parseAuditLogEvent(
      {
        id: 'audit_log-xxx_yyyymmdd',
        type: 'api_key.created',
        effective_at: 1720804090,
        project: { id: 'proj_abc', name: 'Alpha' },
        actor: { type: 'session', session: { user: { id: 'user-xxx', email: 'user@example.com' }, ip_address: '127.0.0.1' } },
        'api_key.created': { id: 'key_xxxx', data: { scopes: ['resource.operation'] } },
      },
      'data[0]',
    );
    expect(event).toEqual({
      id: 'audit_log-xxx_yyyymmdd',
      type: 'api_key.created',
      effectiveAt: 1720804090,
      actor: { kind: 'session', label: 'user@example.com', ipAddress: '127.0.0.1' },
      project: { id: 'proj_abc', name: 'Alpha' },
      targetId: 'key_xxxx',
      apiCallLogging: null,
      scopes: ['resource.operation'],
      subjectEmail: null,
      role: null,
    });
  });

  it('names an API-key actor by its user, else its service account or key id', () => {
    const byKey = (apiKey: unknown) => parseAuditLogEvent(rawAuditEvent('e', 'project.archived', T, { actor: { type: 'api_key', api_key: apiKey } }), 'e').actor;
    expect(byKey({ id: 'key_1', type: 'user', user: { id: 'user-1', email: 'a@example.com' } }).label).toBe('a@example.com');
    expect(byKey({ id: 'key_1', type: 'service_account', service_account: { id: 'svc_1' } }).label).toBe('svc_1');
    expect(byKey({ id: 'key_1' }).label).toBe('key_1');
  });

  it('keeps an event of an unknown type or odd payload, and rejects one without id, type or time', () => {
    const odd = parseAuditLogEvent({ id: 'x', type: 'brand.new', effective_at: T, actor: null, 'brand.new': 'not an object', project: 42 }, 'e');
    expect(odd).toMatchObject({ type: 'brand.new', actor: { kind: 'unknown', label: null }, project: null, targetId: null });
    expect(() => parseAuditLogEvent({ id: 'x', type: 'a.b' }, 'data[2]')).toThrow('data[2].effective_at should be a non-negative integer');
  });
});

describe('readAuditLogs', () => {
  it('sends the bracketed filters and follows `after` through the pages', async () => {
    const { fetch, requests } = fakeFetch([
      { json: auditPage([rawAuditEvent('e3', 'api_key.created', T + 3), rawAuditEvent('e2', 'user.added', T + 2)], true) },
      { json: auditPage([rawAuditEvent('e1', 'project.created', T + 1)]) },
    ]);
    const read = await readAuditLogs(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: T, maxPages: 5 });
    expect(read.events.map((event) => event.id)).toEqual(['e3', 'e2', 'e1']);
    expect(read).toMatchObject({ truncated: false, requests: 2 });
    expect(requests[0]!.url.searchParams.get('effective_at[gt]')).toBe(String(T));
    expect(requests[0]!.url.searchParams.get('limit')).toBe('100');
    expect(requests[0]!.url.searchParams.has('event_types[]')).toBe(false);
    expect(requests[1]!.url.searchParams.get('after')).toBe('e2');
    expect(requests[0]!.headers['Authorization']).toBe(`Bearer ${KEY}`);
  });

  it('an empty log is one request and no events', async () => {
    const { fetch, requests } = fakeFetch([{ json: auditPage([]) }]);
    expect(await readAuditLogs(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: T, maxPages: 5 })).toEqual({ events: [], truncated: false, requests: 1 });
    expect(requests).toHaveLength(1);
  });

  it('stops at maxPages and says the read is truncated', async () => {
    let n = 0;
    const { fetch, requests } = fakeFetch(() => {
      n++;
      return { json: auditPage([rawAuditEvent(`e${n}`, 'api_key.updated', T - n)], true) };
    });
    const read = await readAuditLogs(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: 0, maxPages: 3 });
    expect(read).toMatchObject({ truncated: true, requests: 3 });
    expect(requests).toHaveLength(3);
  });

  it('a repeated cursor is malformed, not an endless loop', async () => {
    const { fetch } = fakeFetch(() => ({ json: auditPage([rawAuditEvent('same', 'api_key.updated', T)], true) }));
    await expect(readAuditLogs(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: 0, maxPages: 5 })).rejects.toMatchObject({ kind: 'malformed' });
  });
});
