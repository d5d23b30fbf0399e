import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, test } from './harness';

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
