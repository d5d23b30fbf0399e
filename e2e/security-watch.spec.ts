import type { Page, Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY as KEY, saveAdminKey } from './admin-key';
import { ORGANIZATION, serveAdminApi, type FixtureProject } from './fixtures/api/admin-api';
import { adminKey, auditEvent, CI_SERVICE_ACCOUNT, nowSeconds, projectKey, serveSecurityApi, type SecurityApiOptions } from './fixtures/api/security-admin-api';
import { money } from './clock';
import { expect, openPopup, readStorage, test } from './harness';

const DAY = 86_400;
const DEFAULT_PROJECT: FixtureProject = {
  id: 'proj_Default00',
  name: 'Default project',
  past: { costs: {}, models: {} },
  today: { costs: { 'gpt-4o-mini, input': 1.5 }, models: {} },
};

interface ChromeInWorker {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  action: { getBadgeText(details: object): Promise<string> };
}
const securityNotifications = (worker: Worker) =>
  worker.evaluate(async () =>
    Object.keys(await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.notifications.getAll()).filter((id) => id.startsWith('security:')),
  );
const badgeText = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.action.getBadgeText({}));

/** Saves the key, then switches the watch on in options (it is off until the user asks) and waits for its first read. */
async function startWatching(context: Parameters<typeof saveAdminKey>[0], extensionId: string, worker: Worker): Promise<Page> {
  const options = await saveAdminKey(context, extensionId);
  // Clicked, then awaited: the control shows the stored value, which lands a moment after the click.
  await options.getByLabel("Watch the organization's audit log and API keys").click();
  await expect(options.getByLabel("Watch the organization's audit log and API keys")).toBeChecked();
  await expect.poll(async () => (await readStorage<{ lastAttemptAt: number | null }>(worker, 'local', 'securityWatch'))?.lastAttemptAt ?? null).not.toBeNull();
  return options;
}

const ORGANIZATION_WITH_DEFAULT = [...ORGANIZATION, DEFAULT_PROJECT];

function watchedOrganization(audit: SecurityApiOptions['audit']): SecurityApiOptions {
  return {
    audit,
    // All older than a day: the first read lists them without announcing any.
    events: [
      auditEvent('audit_e5', 'api_key.created', 3 * DAY, { email: 'alice@example.com', project: { id: 'proj_Production01', name: 'Production' }, payload: { id: 'key_abc1' } }),
      auditEvent('audit_e1', 'login.succeeded', 4 * DAY),
      auditEvent('audit_e4', 'invite.sent', 5 * DAY, { payload: { id: 'invite-1', data: { email: 'new@example.com', role: 'owner' } } }),
      auditEvent('audit_e3', 'tunnel.created', 6 * DAY),
      auditEvent('audit_e2', 'project.created', 10 * DAY, { project: { id: 'proj_Gone', name: 'Old experiment' } }),
    ],
    adminKeys: [adminKey('key_mine', 'Extension', KEY.slice(-4), 40 * DAY, nowSeconds() + 30 * DAY)],
    projectKeys: {
      proj_Production01: [
        projectKey('key_ci01', 'CI deploy', 400, 120, 'active', CI_SERVICE_ACCOUNT),
        projectKey('key_old2', 'Old script', 300, 95, 'inactive'),
        projectKey('key_new3', 'Fresh', 0.2, 0.1),
        projectKey('key_nvr4', 'Never', 30, null),
        projectKey('key_ok05', 'Healthy', 50, 1),
      ],
      proj_Sandbox02: [projectKey('key_sb06', 'Sandbox test', 200, 100)],
    },
    spendLimit: null,
  };
}

test('the popup lists the audit log, the hygiene lines and the posture; a new admin key is notified once', async ({
  context,
  extensionId,
  worker,
  pageErrors,
}) => {
  await serveAdminApi(context, { validKey: KEY, projects: ORGANIZATION_WITH_DEFAULT });
  const api = await serveSecurityApi(context, watchedOrganization('on'));
  await startWatching(context, extensionId, worker);
  expect(await securityNotifications(worker)).toEqual([]);

  const popup = await openPopup(context, extensionId);
  const events = popup.getByTestId('audit-events').getByRole('listitem');
  // Newest first; the routine sign-in left out; an unknown type shown by its name; a project the key cannot see said so.
  await expect(events).toHaveText([
    /^API key created\s*alice@example\.com \(203\.0\.113\.9\) · \d{4}-\d\d-\d\d \d\d:\d\d UTC · Production$/,
    /^Member invited: new@example\.com as owner/,
    /^Tunnel created/,
    /^Project created.* · Old experiment \(a project this key cannot see\)$/,
  ]);
  await expect(popup.getByRole('link', { name: 'API key created' })).toHaveAttribute('href', 'https://platform.openai.com/settings/proj_Production01/api-keys');

  await expect(popup.getByTestId('hygiene-summary').getByRole('listitem')).toHaveText([
    '3 keys unused for 90 days in 2 projects: Production (2: service account “CI robot”, former@example.com), Sandbox (1: former@example.com)',
    '1 key never used in 1 project: Production (1: former@example.com)',
    '1 key whose owner no longer has access, in 1 project: Production (1: former@example.com)',
    '1 key created in the last day and already in use, in 1 project: Production (1: former@example.com)',
  ]);
  await expect(popup.getByTestId('hygiene-summary').getByRole('link', { name: 'Sandbox' })).toHaveAttribute(
    'href',
    'https://platform.openai.com/settings/proj_Sandbox02/api-keys',
  );
  await expect(popup.getByTestId('posture-audit-logging')).toContainText('Audit logging: on');
  await expect(popup.getByTestId('posture-spend-limit')).toContainText('Hard spend limit: not set for the organization');
  await expect(popup.getByTestId('posture-ip-allowlist')).toContainText('unknown: the Admin API cannot read it');
  await expect(popup.getByTestId('posture-admin-key-expiry')).toContainText(/expires on \d{4}-\d\d-\d\d/);
  await expect(popup.getByTestId('posture-default-project-spend')).toContainText(`Spend in the Default project: ${money(1.5)} this month`);

  // The project view lists that project's keys.
  await popup.getByLabel('Scope').selectOption({ label: 'Production' });
  await expect(popup.getByTestId('hygiene-keys').getByRole('listitem')).toHaveText([
    '“CI deploy” (sk-proj-...ci01) of service account “CI robot”: unused for 120 days',
    '“Old script” (sk-proj-...old2) of former@example.com: unused for 95 days; its owner no longer has access to the project',
    '“Fresh” (sk-proj-...new3) of former@example.com: created in the last day and already in use',
    '“Never” (sk-proj-...nvr4) of former@example.com: never used (created 30 days ago)',
  ]);

  // Someone creates an admin key: it shows up at the next refresh, as one notification.
  api.events.unshift(auditEvent('audit_e6', 'api_key.created', 30, { email: 'mallory@example.com', payload: { id: 'key_intruder' } }));
  api.adminKeys.push(adminKey('key_intruder', 'backup', 'ZZZZ', 30));
  const before = api.requests.length;
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => securityNotifications(worker)).toEqual(['security:admin-key:key_intruder']);
  await expect(events.first()).toHaveText(/^Admin key created\s*mallory@example\.com/);
  // Incremental: one audit-log request from the newest event seen, not 30 days again.
  const auditReads = api.requests.slice(before).filter((url) => url.pathname.endsWith('/audit_logs'));
  expect(auditReads).toHaveLength(1);
  expect(Number(auditReads[0]!.searchParams.get('effective_at[gt]'))).toBeGreaterThan(nowSeconds() - 4 * DAY);
  expect(await badgeText(worker)).toBe('!');

  // A second refresh: the same key stays one notification.
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect.poll(async () => api.requests.slice(before).filter((url) => url.pathname.endsWith('/audit_logs')).length).toBe(2);
  await popup.waitForTimeout(500);
  expect(await securityNotifications(worker)).toEqual(['security:admin-key:key_intruder']);

  // Opening the popup shows it, and the badge calms down.
  const second = await openPopup(context, extensionId);
  await expect(second.getByRole('region', { name: 'Security alerts' })).toContainText('New admin key created.');
  await expect.poll(() => badgeText(worker)).toMatch(/^\$/);
  expect(pageErrors).toEqual([]);
});

test('audit logging off: the popup says so, where an owner switches it on, and that it cannot be switched off again', async ({
  context,
  extensionId,
  worker,
}) => {
  await serveAdminApi(context, { validKey: KEY });
  const api = await serveSecurityApi(context, watchedOrganization('off'));
  await startWatching(context, extensionId, worker);
  const popup = await openPopup(context, extensionId);
  const state = popup.getByTestId('audit-state');
  await expect(state).toHaveAttribute('data-state', 'off');
  await expect(state).toContainText('Audit logging is off for this organization');
  await expect(state).toContainText('Once on, it cannot be switched off again. The extension never switches it on for you.');
  await expect(state.getByRole('link', { name: 'Settings → Data controls → Data retention' })).toHaveAttribute(
    'href',
    'https://platform.openai.com/settings/organization/data-controls/data-retention',
  );
  await expect(popup.getByTestId('posture-audit-logging')).toContainText('Audit logging: off');
  // The rest of the watch still works.
  await expect(popup.getByTestId('hygiene-summary')).toContainText('3 keys unused for 90 days in 2 projects');
  // Only reads: nothing was sent that could change a setting.
  expect(api.requests.every((url) => !url.pathname.includes('data_retention'))).toBe(true);
});

test('a key that may not read the audit log (403) gets a clear state instead of a list', async ({ context, extensionId, worker }) => {
  await serveAdminApi(context, { validKey: KEY });
  await serveSecurityApi(context, watchedOrganization('forbidden'));
  await startWatching(context, extensionId, worker);
  const popup = await openPopup(context, extensionId);
  const state = popup.getByTestId('audit-state');
  await expect(state).toHaveAttribute('data-state', 'forbidden');
  await expect(state).toContainText('This admin key may not read the audit log (403), or audit logging is off.');
  await expect(state).toContainText('cannot be switched off again');
  await expect(popup.getByTestId('posture-audit-logging')).toContainText('unknown: this admin key may not read the audit log');
  await expect(popup.getByTestId('audit-events')).toHaveCount(0);
  expect(await securityNotifications(worker)).toEqual([]);
});
