import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AuditLogEvent } from '../../lib/admin-api/audit-logs';
import { usageCache, usageProjects, usageProjectSummaries } from '../../lib/storage/api-records';
import { AUDIT_LOGGING_SETTING_URL, securityPageUrl } from '../../lib/platform/security-links';
import { normalizeSecuritySettings, type SecurityWatchSettings } from '../../lib/security-watch/settings';
import { classifyEvent } from '../../lib/security-watch/classify';
import { formatUtc } from '../../lib/security-watch/format';
import { describeKey, describeRule, keyFindings, summarizeHygiene, type ProjectHygiene } from '../../lib/security-watch/key-hygiene';
import type { SecurityNotice } from '../../lib/security-watch/notices';
import { postureLines, type PostureInput } from '../../lib/security-watch/posture';
import type { SecurityWatchState } from '../../lib/security-watch/watch-state';
import { summaryFor, type ProjectNames, type ProjectSummaries, type UsageCache } from '../../lib/usage/cache';
import type { UsageScope } from '../../lib/usage/summarize-usage';
import { useStorageItem } from '../ui/useStorageItem';
import './security.css';
import { securityWatchSettings, securityWatchState, unseenSecurityNotices } from '../../lib/storage/security-watch';
import { securityMessenger } from '../../lib/messaging/security';
import { formatMoney } from '../../lib/core/format';
import { clockNow } from '../../lib/core/clock';

/** Events listed before "Show all". */
const FIRST_EVENTS = 8;
/** The name OpenAI gives every organization's first project (docs/facts.md §1: it cannot carry a spend limit). [guess] that it is never renamed. */
const DEFAULT_PROJECT_NAME = /^default project$/i;

/** The popup's Security section: reads the worker's stored watch, and acknowledges the notices it shows. */
export function SecurityWatch({ scope }: { scope: UsageScope }) {
  const state = useStorageItem(securityWatchState);
  const settings = useStorageItem(securityWatchSettings);
  const cache = useStorageItem(usageCache);
  const names = useStorageItem(usageProjects);
  const projectSummaries = useStorageItem(usageProjectSummaries);
  const [notices, setNotices] = useState<SecurityNotice[]>([]);
  useEffect(() => {
    // Opening the popup is looking: these are shown here once, and the badge calms down.
    void unseenSecurityNotices.getValue().then((unseen) => {
      setNotices(unseen);
      if (unseen.length > 0) {
        void securityMessenger.sendMessage(
          'acknowledgeSecurity',
          unseen.map((notice) => notice.id),
        );
      }
    });
  }, []);
  if (!state || !settings || cache === undefined || names === undefined) return null;
  return (
    <SecuritySection
      state={state}
      settings={normalizeSecuritySettings(settings)}
      cache={cache}
      names={names}
      projectSummaries={projectSummaries ?? null}
      scope={scope}
      notices={notices}
      nowSeconds={Math.floor(clockNow() / 1000)}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

export interface SecuritySectionProps {
  state: SecurityWatchState;
  settings: SecurityWatchSettings;
  cache: UsageCache | null;
  /** The projects the usage glance knows by name. */
  names: ProjectNames | null;
  /** The same refresh's per-project figures (storage.session), for the Default project's spend. */
  projectSummaries: ProjectSummaries | null;
  scope: UsageScope;
  notices: readonly SecurityNotice[];
  nowSeconds: number;
  onOpenOptions(): void;
}

export function SecuritySection(props: SecuritySectionProps) {
  const { state, settings } = props;
  if (!settings.enabled) {
    return (
      <section class="security" aria-labelledby="security-heading">
        <h2 id="security-heading">Security</h2>
        <p class="note" data-testid="security-off">
          The security watch is off: it would read the organization's audit log and keys, and tell you about new admin keys,
          keys created at odd hours and failed sign-ins.{' '}
          <button type="button" onClick={props.onOpenOptions}>
            Switch it on in options
          </button>
        </p>
      </section>
    );
  }
  return (
    <section class="security" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      {props.notices.length > 0 && (
        <div class="banner banner-error security-alerts" role="region" aria-label="Security alerts">
          {props.notices.map((notice) => (
            <p key={notice.id}>
              <strong>{notice.title}.</strong> {notice.message}{' '}
              <a href={securityPageUrl(notice.page)} target="_blank" rel="noreferrer">
                Open
              </a>
            </p>
          ))}
        </div>
      )}
      {state.problem && (
        <p class="banner banner-stale" data-testid="security-problem" data-kind={state.problem.kind}>
          {state.problem.userMessage}
          {state.retryAt !== null && ` Next try after ${formatUtc(Math.ceil(state.retryAt / 1000))}.`}
          {state.lastAttemptAt !== null && state.audit.availability !== null && ' What is shown below is from the last successful read.'}
        </p>
      )}
      {state.lastAttemptAt === null && <p class="note">Not read yet: the next refresh reads the audit log and the keys.</p>}
      <AuditLog {...props} />
      <KeyHygiene {...props} />
      <Posture {...props} />
    </section>
  );
}

function AuditLoggingHelp() {
  return (
    <>
      {' '}
      An organization owner can switch audit logging on under{' '}
      <a href={AUDIT_LOGGING_SETTING_URL} target="_blank" rel="noreferrer">
        Settings → Data controls → Data retention
      </a>
      . Once on, it cannot be switched off again. The extension never switches it on for you.
    </>
  );
}

function AuditLog({ state, names }: SecuritySectionProps) {
  const [all, setAll] = useState(false);
  const { audit } = state;
  const visible = new Set(names?.projects.map((project) => project.id) ?? []);
  const context = { adminKeyIds: new Set(state.adminKeys.ids ?? []) };
  let body;
  switch (audit.availability) {
    case null:
      return null;
    case 'off':
      body = (
        <p data-testid="audit-state" data-state="off">
          Audit logging is off for this organization, so nobody can see who created a key or changed a setting.
          <AuditLoggingHelp />
        </p>
      );
      break;
    case 'forbidden':
      body = (
        <p data-testid="audit-state" data-state="forbidden">
          This admin key may not read the audit log (403), or audit logging is off.
          <AuditLoggingHelp />
        </p>
      );
      break;
    case 'unknown':
      body = <p data-testid="audit-state" data-state="unknown">The audit log could not be read.</p>;
      break;
    case 'empty':
      body = (
        <p data-testid="audit-state" data-state="empty">
          No events in the last 30 days. If audit logging is off, nothing is recorded.
          <AuditLoggingHelp />
        </p>
      );
      break;
    case 'on': {
      const shown = all ? audit.events : audit.events.slice(0, FIRST_EVENTS);
      body = (
        <>
          <ul data-testid="audit-events">
            {shown.map((event) => (
              <AuditEventItem key={event.id} event={event} context={context} visible={visible} />
            ))}
          </ul>
          {!all && audit.events.length > FIRST_EVENTS && (
            <button type="button" onClick={() => setAll(true)}>
              Show all {audit.events.length} events
            </button>
          )}
          {audit.coverage?.kind === 'truncated' && (
            <p class="note">Only the newest events were read; nothing before {formatUtc(audit.coverage.before)} is listed.</p>
          )}
          {audit.coverage?.kind === 'gap' && (
            <p class="note">
              Events between {formatUtc(audit.coverage.from)} and {formatUtc(audit.coverage.to)} were too many to read and are not listed.
            </p>
          )}
        </>
      );
      break;
    }
  }
  return (
    <div role="region" aria-label="Audit log">
      <h3>Audit log, last 30 days (times in UTC)</h3>
      {body}
      {audit.refusal && <p class="note">OpenAI said: {audit.refusal}</p>}
    </div>
  );
}

function AuditEventItem({ event, context, visible }: { event: AuditLogEvent; context: { adminKeyIds: ReadonlySet<string> }; visible: ReadonlySet<string> }) {
  const classified = classifyEvent(event, context);
  const project = event.project;
  const projectText = project
    ? `${project.name ?? project.id}${visible.size > 0 && !visible.has(project.id) ? ' (a project this key cannot see)' : ''}`
    : 'organization';
  // A project page this key cannot see may not exist any more: the organization's page is one click from it.
  const page =
    project && visible.size > 0 && !visible.has(project.id) && 'projectId' in classified.page
      ? ({ kind: 'organization-api-keys' } as const)
      : classified.page;
  return (
    <li data-type={event.type}>
      <a href={securityPageUrl(page)} target="_blank" rel="noreferrer">
        {classified.title}
      </a>
      <span class="meta">
        {event.actor.label ?? 'unknown actor'}
        {event.actor.ipAddress ? ` (${event.actor.ipAddress})` : ''} · {formatUtc(event.effectiveAt)} · {projectText}
      </span>
    </li>
  );
}

function hygieneProjects(state: SecurityWatchState, settings: SecurityWatchSettings, nowSeconds: number): ProjectHygiene[] {
  return state.projects
    .filter((project) => project.problem === null)
    .map((project) => ({
      projectId: project.projectId,
      projectName: project.projectName,
      findings: keyFindings(project.keys, { nowSeconds, unusedDays: settings.unusedDays }),
    }));
}

function KeyHygiene({ state, settings, names, scope, nowSeconds }: SecuritySectionProps) {
  const projects = hygieneProjects(state, settings, nowSeconds);
  const listed = names?.projects.filter((project) => !project.archived).length ?? 0;
  const pending = Math.max(0, listed - state.projects.length);
  const keysPage = (projectId: string) => securityPageUrl({ kind: 'project-api-keys', projectId });
  if (scope !== 'organization') {
    const entry = state.projects.find((project) => project.projectId === scope);
    const name = entry?.projectName ?? names?.projects.find((project) => project.id === scope)?.name ?? scope;
    const findings = projects.find((project) => project.projectId === scope)?.findings ?? [];
    return (
      <div role="region" aria-label="Key hygiene">
        <h3>API keys of {name}</h3>
        {!entry && <p class="note">Not read yet: project keys are read a few projects per refresh.</p>}
        {entry?.problem && <p class="note">Could not read this project's keys: {entry.problem}</p>}
        {entry && !entry.problem && findings.length === 0 && <p data-testid="hygiene-clean">No key problems among {entry.keys.length} keys.</p>}
        {findings.length > 0 && (
          <ul data-testid="hygiene-keys">
            {findings.map((finding) => (
              <li key={finding.keyId}>
                {describeKey(finding)}: {finding.rules.map((rule) => describeRule(rule, finding, nowSeconds)).join('; ')}
              </li>
            ))}
          </ul>
        )}
        {entry && (
          <p class="note">
            <a href={keysPage(scope)} target="_blank" rel="noreferrer">
              Open {name}'s API keys
            </a>
          </p>
        )}
      </div>
    );
  }
  const lines = summarizeHygiene(projects, settings.unusedDays);
  return (
    <div role="region" aria-label="Key hygiene">
      <h3>API keys</h3>
      {lines.length === 0 && state.projects.length > 0 && <p data-testid="hygiene-clean">No key problems in {state.projects.length} projects.</p>}
      {lines.length > 0 && (
        <ul data-testid="hygiene-summary">
          {lines.map((line) => (
            <li key={line.rule} data-rule={line.rule}>
              {line.text}:{' '}
              {line.projects.map((project, index) => (
                <span key={project.projectId}>
                  {index > 0 && ', '}
                  <a href={keysPage(project.projectId)} target="_blank" rel="noreferrer">
                    {project.projectName ?? project.projectId}
                  </a>{' '}
                  ({project.keys}
                  {project.owners.length > 0 && `: ${project.owners.join(', ')}`})
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {pending > 0 && <p class="note">Keys of {pending} more projects are read over the next refreshes.</p>}
      {state.projects.some((project) => project.problem) && (
        <p class="note">Some projects' keys could not be read: {state.projects.filter((project) => project.problem).map((project) => project.projectName ?? project.projectId).join(', ')}.</p>
      )}
    </div>
  );
}

function defaultProjectSpend({ cache, names, projectSummaries }: SecuritySectionProps): PostureInput['defaultProject'] {
  const project = names?.projects.find((candidate) => candidate.name !== null && DEFAULT_PROJECT_NAME.test(candidate.name));
  if (!cache || !project) return undefined;
  // null while its figures are not at hand (e.g. before the first refresh after a browser restart): "unknown".
  const summary = summaryFor(cache, project.id, projectSummaries);
  if (!summary) return undefined;
  return { monthToDate: formatMoney(summary.monthToDate.costMicros, summary.currency), spent: summary.monthToDate.costMicros > 0 };
}

function Posture(props: SecuritySectionProps) {
  const { state, nowSeconds } = props;
  if (state.lastAttemptAt === null) return null;
  const lines = postureLines({
    audit: state.audit.availability ?? 'unknown',
    spendLimit: state.spendLimit.known ? state.spendLimit.value : undefined,
    events: state.audit.events,
    adminKeyExpiresAt: state.adminKeys.ownKeyFound ? state.adminKeys.ownExpiresAt : undefined,
    defaultProject: defaultProjectSpend(props),
    nowSeconds,
  });
  return (
    <div role="region" aria-label="Security posture" class="security-posture">
      <h3>Posture</h3>
      <ul>
        {lines.map((line) => (
          <li key={line.id} data-status={line.status} data-testid={`posture-${line.id}`}>
            <a href={securityPageUrl(line.page)} target="_blank" rel="noreferrer">
              {line.label}
            </a>
            : <strong>{line.value}</strong>
            <span class="meta">{line.why}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
