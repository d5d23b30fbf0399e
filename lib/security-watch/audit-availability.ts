import type { AdminApiError } from '../admin-api/errors';

/**
 * How the API refuses the audit log when an owner has not switched audit logging on is not
 * documented. **[guess]** A refusal (400/403/404) whose message speaks of audit logging
 * being off or needing activation means "off"; any other 403 means this key may not read it.
 */
const MENTIONS_AUDIT_LOG = /audit[ _-]?log/i;
const SAYS_OFF = /not (been )?(enabled|activated|active|turned on)|disabled|\b(enable|activate)\b/i;

export function auditRefusal(error: AdminApiError): 'off' | 'forbidden' | null {
  const refused = error.kind === 'forbidden' || error.status === 400 || error.status === 404;
  if (refused && error.apiMessage !== null && MENTIONS_AUDIT_LOG.test(error.apiMessage) && SAYS_OFF.test(error.apiMessage)) return 'off';
  return error.kind === 'forbidden' ? 'forbidden' : null;
}
