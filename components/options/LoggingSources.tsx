import { loggingObservations } from '../../lib/storage/records';
import { usageProjects } from '../../lib/storage/api-records';
import { MAX_REQUESTS_PER_DAY, type LoggingSources as Sources } from '../../lib/logging-reminder/logging-sources';
import { isZeroRetention } from '../../lib/logging-reminder/retention';
import type { OrganizationLogging } from '../../lib/logging-reminder/logging-state';
import { DATA_RETENTION_URL } from '../../lib/platform/adapter';
import { AUDIT_LOGGING_SETTING_URL } from '../../lib/platform/security-links';
import { formatUtc } from '../../lib/security-watch/format';
import { useStorageItem } from '../ui/useStorageItem';
import { loggingSources } from '../../lib/storage/logging-reminder';

const SETTING_LABELS: Record<string, string> = {
  disabled: 'Disabled',
  enabled_per_call: 'Enabled per call',
  enabled_for_all_projects: 'Enabled for all projects',
  enabled_for_selected_projects: 'Enabled for selected projects',
};

const when = (ms: number) => formatUtc(Math.floor(ms / 1000));

function retentionLabel(type: string): string {
  return isZeroRetention(type) ? `${type} (zero data retention: there are no logs to see)` : type;
}

/** What the dashboard showed, per organization. */
function DashboardSource({ observations }: { observations: Record<string, OrganizationLogging> }) {
  const seen = Object.entries(observations).filter(([, organization]) => organization.setting);
  return (
    <li data-testid="source-dashboard">
      <strong>The dashboard</strong>, when you visit{' '}
      <a href={DATA_RETENTION_URL} target="_blank" rel="noreferrer">
        Settings → Data controls → Data retention
      </a>{' '}
      (and the Logs page).{' '}
      {seen.length === 0
        ? 'Not seen yet.'
        : seen.map(([key, organization]) => (
            <span key={key}>
              {`${key.startsWith('name:') ? key.slice(5) : key}: ${SETTING_LABELS[organization.setting!.setting]}, seen ${when(organization.setting!.at)}. `}
            </span>
          ))}
    </li>
  );
}

function AuditSource({ audit }: { audit: Sources['audit'] }) {
  let state: string;
  switch (audit.availability) {
    case null:
      state = 'Not read yet: the next refresh with an admin key reads it.';
      break;
    case 'forbidden':
      state =
        'This admin key may not read the audit log (403), so this source is not used. A key allowed to read the audit log would add it.';
      break;
    case 'unavailable':
      state = 'The audit log could not be read for this organization (the API does not offer it), so this source is not used.';
      break;
    case 'off':
      state = 'Audit logging is off for this organization, so this source is not used.';
      break;
    case 'on':
      state = audit.setting
        ? `Newest change: ${SETTING_LABELS[audit.setting.setting]}${audit.setting.setting === 'enabled_for_selected_projects' ? ` (${audit.setting.projectIds.length} projects)` : ''}, made ${when(audit.setting.at)}.`
        : audit.unrecognizedSetting
          ? `Newest change: "${audit.unrecognizedSetting}", which this version cannot apply (an unknown value, or projects not named), so it is not used.`
          : 'No change of the setting in the audit log.';
      break;
  }
  return (
    <li data-testid="source-audit-log" data-state={audit.availability ?? 'unread'}>
      <strong>The audit log</strong> (with the admin key; independent of the security watch, it keeps no personal data): the
      newest change of "API call logging". {state}
      {audit.readAt !== null && ` Last read ${when(audit.readAt)}.`}
      {audit.problem && ` The last read failed: ${audit.problem}`}
      {audit.availability === 'off' && (
        <>
          {' '}
          An owner can switch audit logging on under{' '}
          <a href={AUDIT_LOGGING_SETTING_URL} target="_blank" rel="noreferrer">
            Settings → Data controls → Data retention
          </a>
          ; once on, it cannot be switched off again. The extension never switches it on for you.
        </>
      )}
    </li>
  );
}

function RetentionSource({ retention, names }: { retention: Sources['retention']; names: Map<string, string> }) {
  const organization = retention.organization;
  const projects = Object.entries(retention.projects).filter(([, reading]) => reading.type !== null);
  return (
    <li data-testid="source-data-retention">
      <strong>Data retention</strong> (with the admin key): a project under zero data retention keeps no logs, so the reminder
      explains that instead.{' '}
      {organization === null
        ? 'Not read yet.'
        : organization.type === null && organization.problem === undefined
          ? 'Data retention could not be read with this admin key (403, or the API does not offer it), so it is not used.'
          : organization.type !== null
            ? `Organization: ${retentionLabel(organization.type)}.`
            : ''}
      {organization?.problem && ` The last read failed: ${organization.problem}`}
      {projects.length > 0 && (
        <ul>
          {projects.map(([id, reading]) => (
            <li key={id}>{`${names.get(id) ?? id}: ${retentionLabel(reading.type!)}`}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Options: where the logging reminder's state comes from, and what each source said last. */
export function LoggingSources() {
  const sources = useStorageItem(loggingSources);
  const observations = useStorageItem(loggingObservations);
  const projectNames = useStorageItem(usageProjects);
  if (!sources || !observations) return null;
  const names = new Map((projectNames?.projects ?? []).flatMap((project) => (project.name ? [[project.id, project.name] as const] : [])));
  return (
    <section aria-labelledby="logging-sources-heading" data-testid="logging-sources">
      <h2 id="logging-sources-heading">Logging reminder: where the state comes from</h2>
      <p class="hint">
        The newest of these wins. The admin key's reads cost at most {MAX_REQUESTS_PER_DAY.auditLog} audit-log and{' '}
        {MAX_REQUESTS_PER_DAY.dataRetention} data-retention requests a day.
      </p>
      <ul>
        <DashboardSource observations={observations} />
        <AuditSource audit={sources.audit} />
        <RetentionSource retention={sources.retention} names={names} />
      </ul>
    </section>
  );
}
