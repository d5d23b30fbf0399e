import { DATA_RETENTION_URL, LOGS_PAGE_URL } from '../../lib/platform/adapter';
import { AUDIT_LOGGING_SETTING_URL } from '../../lib/platform/security-links';
import { formatUtc } from '../../lib/security-watch/format';
import type { OrganizationReminders, PopupReminder, ProjectReminder } from '../../lib/logging-reminder/popup-reminder';
import { ZERO_RETENTION_TEXT } from '../../lib/logging-reminder/retention';
import './logging.css';

export type SilenceHow = 'dismiss' | 'snooze';

/** Where the state comes from, so a user can tell an explicit setting from an inference. */
function SourceLine({ reminder }: { reminder: ProjectReminder }) {
  if (reminder.at === null || reminder.kind === 'zero-retention') return null;
  const when = formatUtc(Math.floor(reminder.at / 1000));
  const text =
    reminder.source === 'audit log'
      ? `From the audit log: the setting was changed ${when}.`
      : reminder.source === 'organization setting'
        ? `From the organization's setting, as the dashboard showed it ${when}.`
        : `From the Logs page, as seen ${when}.`;
  return <p class="logging-source">{text}</p>;
}

/** The state is unknown and audit logging, which would tell, is off: where an owner switches it on. */
function AuditOffNote() {
  return (
    <p class="logging-source" data-testid="logging-audit-off">
      Audit logging is off for this organization, so the admin key cannot read the setting's changes. An owner can switch it
      on under{' '}
      <a href={AUDIT_LOGGING_SETTING_URL} target="_blank" rel="noreferrer">
        Settings → Data controls → Data retention
      </a>
      ; once on, it cannot be switched off again. The extension never switches it on for you.
    </p>
  );
}

function SilenceButtons({ reminder, onSilence, about }: { reminder: ProjectReminder; onSilence(how: SilenceHow): void; about?: string }) {
  if (reminder.kind === 'zero-retention') {
    return (
      <button type="button" onClick={() => onSilence('dismiss')} aria-label={about && `Don't show this again for ${about}`}>
        Don't show this again
      </button>
    );
  }
  return (
    <>
      <button type="button" onClick={() => onSilence('snooze')} aria-label={about && `Remind me in 7 days about ${about}`}>
        Remind me in 7 days
      </button>
      <button type="button" onClick={() => onSilence('dismiss')} aria-label={about && `Don't remind me about ${about}`}>
        {about ? "Don't remind me" : "I know, don't remind me for this project"}
      </button>
    </>
  );
}

function Problem({ problem }: { problem: string | null }) {
  return problem ? (
    <p class="logging-problem" role="alert">
      {problem}
    </p>
  ) : null;
}

interface Props {
  reminder: PopupReminder;
  onSilence(how: SilenceHow): void;
  /** Why the last snooze or dismiss was not saved. */
  problem?: string | null;
}

/** The selected project's logging. */
export function LoggingCard({ reminder, onSilence, problem = null }: Props) {
  return (
    <section class={`banner logging-card logging-${reminder.kind}`} aria-label="Logging reminder">
      <p>{reminder.text}</p>
      <SourceLine reminder={reminder} />
      {reminder.auditOff && <AuditOffNote />}
      <p class="logging-actions">
        {reminder.kind !== 'zero-retention' && (
          <a href={LOGS_PAGE_URL} target="_blank" rel="noreferrer">
            {reminder.kind === 'off' ? 'Switch logging on' : 'Open the Logs page'}
          </a>
        )}
        <SilenceButtons reminder={reminder} onSilence={onSilence} />
      </p>
      <Problem problem={problem} />
    </section>
  );
}

function rowState(reminder: ProjectReminder): string {
  switch (reminder.kind) {
    case 'zero-retention':
      return 'Zero data retention: OpenAI keeps no logs, nothing to switch on.';
    case 'unknown':
      return 'Not known yet whether logs are kept.';
    case 'off':
      return reminder.status === 'per-call' ? 'Logged only for requests sent with store: true.' : 'Logs are off.';
  }
}

interface OrganizationProps {
  reminders: OrganizationReminders;
  onSilence(projectKey: string, how: SilenceHow): void;
  problem?: string | null;
}

/** The whole organization: each project whose logging is off or unknown, by name, each with its own snooze and dismiss. */
export function OrganizationLoggingCard({ reminders, onSilence, problem = null }: OrganizationProps) {
  const { rows, more, organizationZeroRetention, auditOff } = reminders;
  if (rows.length === 0 && !organizationZeroRetention) return null;
  const off = rows.some((row) => row.kind !== 'zero-retention');
  return (
    <section
      class={`banner logging-card ${off ? 'logging-off' : 'logging-zero-retention'}`}
      aria-label="Logging reminder"
      data-testid="organization-logging"
    >
      {organizationZeroRetention && <p>{ZERO_RETENTION_TEXT.wholeOrganization}</p>}
      {off && <p>Logs help when debugging or checking for abuse. These projects have them off, or it is not known yet:</p>}
      {rows.length > 0 && (
        <ul class="logging-rows" aria-label="Projects and their logging">
          {rows.map((row) => (
            <li key={row.projectKey} data-project={row.projectKey} data-kind={row.kind}>
              <span class="logging-row-name">{row.name}</span>
              <span class="logging-row-state">{rowState(row)}</span>
              <span class="logging-actions">
                <SilenceButtons reminder={row} about={row.name} onSilence={(how) => onSilence(row.projectKey, how)} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && (
        <p class="logging-more" data-testid="logging-more">
          and {more} more: pick a project under Scope to see its own.
        </p>
      )}
      {auditOff && <AuditOffNote />}
      {off && (
        <p class="logging-actions">
          <a href={DATA_RETENTION_URL} target="_blank" rel="noreferrer">
            Open Settings → Data controls → Data retention
          </a>
        </p>
      )}
      <Problem problem={problem} />
    </section>
  );
}
