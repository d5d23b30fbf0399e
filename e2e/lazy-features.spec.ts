import type { HealthMap } from '../lib/features/health';
import { expect, readStorage, test } from './harness';

// The content script carries only what every dashboard page needs; the Usage page's
// features fetch their own code (lib/features/registry.ts) where they apply.

test('the Usage page features fetch their code only where they apply, and only once', async ({
  context,
  servePlatform,
  worker,
  pageErrors,
}) => {
  await servePlatform();
  const fetched: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'chrome-extension:') fetched.push(url.pathname);
  });
  const health = async () => {
    const map = (await readStorage<HealthMap>(worker, 'local', 'featureHealth')) ?? {};
    return Object.fromEntries(Object.entries(map).map(([id, record]) => [id, `${record.state} ${record.path}`]));
  };

  const page = await context.newPage();
  await page.goto('https://platform.openai.com/settings/organization/api-keys');
  await expect(page.locator('#rop-accent-bar')).toHaveCount(1);
  await expect
    .poll(health)
    .toEqual({
      'project-emphasis': 'active /settings/organization/api-keys',
      'page-scope': 'not-applicable /settings/organization/api-keys',
      'usage-zip-export': 'not-applicable /settings/organization/api-keys',
      'logging-reminder': 'not-applicable /settings/organization/api-keys',
    });
  expect(fetched).toEqual([]);

  await page.getByRole('link', { name: 'Usage' }).click();
  await expect.poll(health).toEqual({
    'project-emphasis': 'active /usage',
    'page-scope': 'active /usage',
    'usage-zip-export': 'active /usage',
    'logging-reminder': 'active /usage',
  });
  expect(fetched.sort()).toEqual(['/feature-logging-reminder.js', '/feature-page-scope.js', '/feature-usage-zip-export.js']);

  // Their code stays loaded: back and forth fetches nothing more, and the features run again.
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect.poll(health).toMatchObject({ 'usage-zip-export': 'not-applicable /settings/organization/api-keys' });
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect.poll(health).toMatchObject({ 'usage-zip-export': 'active /usage' });
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('button', { name: 'Download all as ZIP' })).toBeVisible();
  expect(fetched).toHaveLength(3);
  expect(pageErrors).toEqual([]);
});
