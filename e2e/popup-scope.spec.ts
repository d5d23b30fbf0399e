import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, inContentScript, readStorage, test } from './harness';

test('the real toolbar popup opens on the project shown in the active platform tab', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await (await saveAdminKey(context, extensionId)).close();

  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('oai/activeProj', JSON.stringify('proj_Sandbox02')));
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('header button', { hasText: 'Sandbox' })).toBeVisible();
  await page.bringToFront();

  await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());

  // Playwright lists no page for a real action popup: read it through the DevTools protocol.
  const cdp = await context.newCDPSession(page);
  const popupTarget = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.find((target) => target.url.endsWith('/popup.html'));
  };
  await expect.poll(async () => (await popupTarget()) !== undefined).toBe(true);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: (await popupTarget())!.targetId, flatten: false });
  let nextId = 1;
  const evaluate = (expression: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      const onMessage = ({ message }: { message: string }) => {
        const reply = JSON.parse(message) as { id?: number; result?: { result?: { value?: unknown } } };
        if (reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply.result?.result?.value);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
      });
    });
  await expect
    .poll(() => evaluate(`document.querySelector('select[aria-label="Scope"]')?.value ?? null`))
    .toBe('proj_Sandbox02');
});

test('a platform tab can read nothing of a refresh from storage, only ask the organization figures; the popup still shows each project', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await (await saveAdminKey(context, extensionId)).close();
  const lastAttempt = () => readStorage<{ lastAttemptAt: number | null }>(worker, 'local', 'usageStatus').then((status) => status?.lastAttemptAt ?? null);
  await expect.poll(lastAttempt).not.toBeNull();

  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('header button', { hasText: 'Production' })).toBeVisible();
  // What this tab's content script hears of storage from now on.
  await inContentScript(
    page,
    extensionId,
    `(() => {
      globalThis.__heard = [];
      chrome.storage.onChanged.addListener((changes, area) => globalThis.__heard.push({ area, changes }));
    })()`,
  );

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  const before = await lastAttempt();
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(lastAttempt).not.toBe(before);
  await popup.getByLabel('Scope').selectOption({ label: 'Sandbox' });
  await expect(popup.getByTestId('cost-today')).toHaveText('$0.10');

  const heard = await inContentScript<{ area: string; changes: Record<string, unknown> }[]>(page, extensionId, 'globalThis.__heard');
  // Nothing of the refresh reached the tab: storage.local, where the worker keeps figures and
  // records, and storage.session, where the project figures live, are closed to content scripts.
  const keys = heard.flatMap(({ area, changes }) => Object.keys(changes).map((key) => `${area}:${key}`));
  expect(keys.filter((key) => /usage|spike/i.test(key))).toEqual([]);
  expect(JSON.stringify(heard)).not.toContain('proj_Sandbox02');
  expect(JSON.stringify(heard)).not.toContain('proj_Production01');
  const reads = await inContentScript<string[]>(
    page,
    extensionId,
    `Promise.all(['local', 'session'].map((area) => chrome.storage[area].get(null).then(() => area + ': read', (error) => area + ': refused: ' + error.message)))`,
  );
  expect(reads).toEqual(['local: refused: Access to storage is not allowed from this context.', 'session: refused: Access to storage is not allowed from this context.']);
  // The worker still answers the organization's figures, the one summary a tab may ask for.
  const summary = await inContentScript<{ res?: { summary: { today: { costMicros: number } } } }>(
    page,
    extensionId,
    `chrome.runtime.sendMessage({ id: 1, type: 'getUsageSummary', data: 'organization', timestamp: Date.now() })`,
  );
  expect(summary.res?.summary.today.costMicros).toBeGreaterThan(0);
});
