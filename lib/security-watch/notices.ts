/**
 * Which security events raise a notification: each once, ever (dedupe by a stable id),
 * only if its kind is switched on in options, and on the very first read only if it is
 * recent (a month-old event is listed, not announced).
 */
import type { AuditLogEvent } from '../admin-api/audit-logs';
import type { AdminApiKeyEntry } from '../admin-api/admin-keys';
import type { SecurityNoticeKind, SecurityWatchSettings } from './settings';
import { classifyEvent, type ClassifyContext } from './classify';
import type { DashboardPage } from './dashboard-page';
import type { FailedLoginBurst } from './failed-logins';
import { formatUtc } from './format';
import { isWithinUsualHours } from './usual-hours';

export const SECURITY_NOTIFICATION_PREFIX = 'security:';
/** On the first read, only what happened within a day before it is announced. */
export const FIRST_READ_NOTIFY_SECONDS = 86_400;
/** How long a handled id is remembered: past the 30-day window, so nothing comes back. */
export const HANDLED_KEEP_SECONDS = 45 * 86_400;
export const MAX_HANDLED = 2000;

/** Shaped like the spike notices, so the worker's one `notify` shows both. */
export interface SecurityNotice {
  /** Notification id, stable per event: "security:admin-key:key_abc". */
  id: string;
  kind: SecurityNoticeKind;
  projectId: string | null;
  title: string;
  message: string;
  page: DashboardPage;
  /** Unix seconds (API clock) of what it is about. */
  at: number;
}

/** Ids already handled (notified, or skipped because the kind was off), with when they were handled. */
export type HandledIds = Record<string, number>;

export interface NoticeInput {
  /** Events new in this read (first read: all of them). */
  freshEvents: readonly AuditLogEvent[];
  bursts: readonly FailedLoginBurst[];
  /** Admin keys not in the previous listing (first read: the whole listing); null when not listed. */
  newAdminKeys: readonly AdminApiKeyEntry[] | null;
  /** True on the watch's first audit-log read for this key: limits its notices to the last day. */
  firstRead: boolean;
  /** The same for the first admin-key listing. */
  firstAdminKeyRead: boolean;
  settings: Pick<SecurityWatchSettings, 'notify' | 'usualHours'>;
  timeZone: string;
  context: ClassifyContext;
  handled: HandledIds;
  nowSeconds: number;
}

function who(event: AuditLogEvent): string {
  return event.actor.label ? ` by ${event.actor.label}` : '';
}

function where(event: AuditLogEvent): string {
  return event.project ? ` in ${event.project.name ?? event.project.id}` : '';
}

export function pickSecurityNotices(input: NoticeInput): { notices: SecurityNotice[]; handled: HandledIds } {
  const handled: HandledIds = { ...input.handled };
  const notices: SecurityNotice[] = [];
  const offer = (notice: SecurityNotice, firstRead = input.firstRead) => {
    if (handled[notice.id] !== undefined) return;
    // Handled even when not shown: switching a kind on later must not replay old events.
    handled[notice.id] = input.nowSeconds;
    const recent = !firstRead || notice.at > input.nowSeconds - FIRST_READ_NOTIFY_SECONDS;
    if (input.settings.notify[notice.kind] && recent) notices.push(notice);
  };

  for (const event of [...input.freshEvents].sort((a, b) => a.effectiveAt - b.effectiveAt)) {
    const classified = classifyEvent(event, input.context);
    const when = formatUtc(event.effectiveAt);
    if (classified.category === 'admin-key' && classified.action === 'created') {
      offer({
        // Keyed by the key when known, so the audit log and the admin-key list announce it once between them.
        id: `${SECURITY_NOTIFICATION_PREFIX}admin-key:${event.targetId ?? event.id}`,
        kind: 'admin-key-created',
        projectId: null,
        title: 'New admin key created',
        message: `An admin key was created${who(event)} at ${when}. Admin keys can do anything to the organization: check it was expected.`,
        page: classified.page,
        at: event.effectiveAt,
      });
    } else if (classified.category === 'api-key' && classified.action === 'created') {
      if (isWithinUsualHours(event.effectiveAt, input.settings.usualHours, input.timeZone)) continue;
      offer({
        id: `${SECURITY_NOTIFICATION_PREFIX}event:${event.id}`,
        kind: 'api-key-off-hours',
        projectId: event.project?.id ?? null,
        title: 'API key created outside your usual hours',
        message: `An API key was created${where(event)}${who(event)} at ${when}.`,
        page: classified.page,
        at: event.effectiveAt,
      });
    } else if (classified.category === 'logging' && event.apiCallLogging === 'disabled') {
      offer({
        id: `${SECURITY_NOTIFICATION_PREFIX}event:${event.id}`,
        kind: 'logging-off',
        projectId: null,
        title: 'API call logging switched off',
        message: `API call logging was switched off${who(event)} at ${when}: requests made from now on cannot be inspected.`,
        page: classified.page,
        at: event.effectiveAt,
      });
    }
  }

  for (const burst of input.bursts) {
    offer({
      id: `${SECURITY_NOTIFICATION_PREFIX}logins:${burst.id}`,
      kind: 'failed-login-burst',
      projectId: null,
      title: `${burst.count} failed sign-ins`,
      // No addresses: the system keeps notifications in its history, outside the extension's reach. Clicking opens the popup.
      message: `${burst.count} failed sign-ins between ${formatUtc(burst.from)} and ${formatUtc(burst.to)}, on ${burst.accounts.length === 1 ? '1 account' : `${burst.accounts.length} accounts`}. Open the extension's popup for details.`,
      page: { kind: 'members' },
      at: burst.to,
    });
  }

  for (const key of input.newAdminKeys ?? []) {
    offer({
      id: `${SECURITY_NOTIFICATION_PREFIX}admin-key:${key.id}`,
      kind: 'admin-key-created',
      projectId: null,
      title: 'New admin key created',
      message: `Admin key "${key.name ?? key.redactedValue}" was created at ${formatUtc(key.createdAt)}${key.ownerName ? ` by ${key.ownerName}` : ''}. Admin keys can do anything to the organization: check it was expected.`,
      page: { kind: 'admin-keys' },
      at: key.createdAt,
    }, input.firstAdminKeyRead);
  }

  return { notices, handled: pruneHandled(handled, input.nowSeconds) };
}

/** Bounded: ids older than HANDLED_KEEP_SECONDS go, then the oldest beyond MAX_HANDLED. */
export function pruneHandled(handled: HandledIds, nowSeconds: number): HandledIds {
  const kept = Object.entries(handled)
    .filter(([, at]) => at > nowSeconds - HANDLED_KEEP_SECONDS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_HANDLED);
  return Object.fromEntries(kept);
}
