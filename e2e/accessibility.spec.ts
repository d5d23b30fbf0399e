import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { serveGlanceLookups } from './fixtures/api/glance-admin-api';
import { expect, test } from './harness';

/**
 * axe-core on every extension page, in light and dark: zero violations, no rule disabled.
 * The pages are checked with figures in them (a saved key, the fixture organization), so
 * the ranking, the keys table, the burn-down and the chart are all part of the check.
 */

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (violation) => `${what}: ${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(found).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`popup, options and export pages have no axe violations (${colorScheme})`, async ({ context, extensionId }) => {
    await serveAdminApi(context, { validKey: 'sk-admin-E2eFixtureKey0123456789abcdefXYZW' });
    await serveGlanceLookups(context);
    const options = await saveAdminKey(context, extensionId);
    await options.emulateMedia({ colorScheme });
    await expectNoViolations(options, 'options');

    const popup = await context.newPage();
    await popup.emulateMedia({ colorScheme });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('cost-month-to-date')).toBeVisible();
    await expect(popup.getByTestId('ranking')).toBeVisible();
    await expectNoViolations(popup, 'popup (organization)');
    // The chart's tooltip is part of the page while a bar has focus.
    await popup.locator('rect.chart-today').focus();
    await expect(popup.getByTestId('chart-tooltip')).toBeVisible();
    await popup.getByTestId('ranking').getByRole('button').first().click();
    await expect(popup.getByTestId('keys')).toBeVisible();
    await expectNoViolations(popup, 'popup (project)');

    const exportPage = await context.newPage();
    await exportPage.emulateMedia({ colorScheme });
    await exportPage.goto(`chrome-extension://${extensionId}/export.html?year=2025&scope=organization&org=Fixture%20Org&orgId=org-fixture`);
    await expect(exportPage.locator('main.accounting-export')).toBeVisible();
    await expectNoViolations(exportPage, 'export');
  });
}
