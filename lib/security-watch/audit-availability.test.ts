import { describe, expect, it } from 'vitest';
import { AdminApiError } from '../admin-api/errors';
import { auditRefusal } from './audit-availability';

const refused = (status: number, message: string | null) =>
  new AdminApiError(status === 403 ? 'forbidden' : status === 429 ? 'rate-limited' : 'http', { status, apiMessage: message });

describe('auditRefusal', () => {
  it('a refusal that speaks of audit logging being off means "off"', () => {
    expect(auditRefusal(refused(403, 'Audit logging is not enabled for this organization.'))).toBe('off');
    expect(auditRefusal(refused(400, 'You must activate audit logs in your organization settings'))).toBe('off');
  });

  it('any other 403 means the key may not read it; other failures are not refusals', () => {
    expect(auditRefusal(refused(403, 'You have insufficient permissions for this operation.'))).toBe('forbidden');
    expect(auditRefusal(refused(403, null))).toBe('forbidden');
    expect(auditRefusal(refused(429, 'Audit logging is not enabled'))).toBeNull();
    expect(auditRefusal(refused(400, 'Invalid parameter'))).toBeNull();
  });
});
