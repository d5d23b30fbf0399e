import { describe, expect, it } from 'vitest';
import type { CostBucket } from '../admin-api/responses';
import { monthsInRange } from '../archive/month-range';
import { csvRecords, toCsv } from './csv';
import { FOCUS_CSV_HEADER, focusCsvRows } from './focus-csv';
import { FOCUS_COLUMN_RULES } from './focus-rules';
import { focusProblems } from './focus-validate';

const DAY = 86_400;
const JAN_31 = Date.UTC(2025, 0, 31) / 1000;
const buckets: CostBucket[] = [
  {
    startTime: JAN_31,
    endTime: JAN_31 + DAY,
    results: [
      { amountValue: 1.25, currency: 'usd', lineItem: '=HYPERLINK("x")', projectId: 'proj_a', quantity: 1500, quantityUnit: 'tokens', apiKeyId: 'key_1' },
      { amountValue: 0.000001, currency: 'usd', lineItem: null, projectId: null },
    ],
  },
  { startTime: JAN_31 + DAY, endTime: JAN_31 + 2 * DAY, results: [{ amountValue: 2, currency: 'usd', lineItem: 'tts-1', projectId: 'proj_b' }] },
];
const months = monthsInRange('2025-01-01', '2025-02-28');
const context = { projectNames: new Map([['proj_a', 'Prod']]), organizationId: 'org-1', organizationName: 'Acme' };
const file = () => toCsv(focusCsvRows(buckets, months, context));

describe('the FOCUS 1.2 file', () => {
  it('has every mandatory column of the rules (21), the ones it fills, and x_ columns', () => {
    const mandatory = FOCUS_COLUMN_RULES.filter((rule) => rule.level === 'Mandatory').map((rule) => rule.name);
    expect(mandatory).toHaveLength(21);
    for (const name of mandatory) expect(FOCUS_CSV_HEADER).toContain(name);
    expect(FOCUS_CSV_HEADER.filter((name) => name.startsWith('x_'))).toEqual(['x_OrganizationId', 'x_ApiKeyId', 'x_UserId', 'x_ApiSource', 'x_QuantityFromApi']);
  });

  it('maps the project to SubAccount, the line item to ChargeDescription, a day into its month', () => {
    const [first, unassigned, february] = csvRecords(file());
    expect(first).toMatchObject({
      BilledCost: '1.25',
      EffectiveCost: '1.25',
      BillingCurrency: 'USD',
      BillingPeriodStart: '2025-01-01T00:00:00Z',
      BillingPeriodEnd: '2025-02-01T00:00:00Z',
      ChargePeriodStart: '2025-01-31T00:00:00Z',
      ChargePeriodEnd: '2025-02-01T00:00:00Z',
      ChargeDescription: `'=HYPERLINK("x")`,
      SubAccountId: 'proj_a',
      SubAccountName: 'Prod',
      PricingQuantity: '1500',
      PricingUnit: 'tokens',
      x_ApiKeyId: 'key_1',
      x_QuantityFromApi: 'true',
    });
    expect(unassigned).toMatchObject({ BilledCost: '0.000001', SubAccountId: '', SubAccountName: '', PricingQuantity: '1', PricingUnit: 'Days', x_QuantityFromApi: 'false' });
    // A project the list does not name is still named (SubAccountName must not be null then).
    expect(february).toMatchObject({ BillingPeriodStart: '2025-02-01T00:00:00Z', SubAccountId: 'proj_b', SubAccountName: 'proj_b' });
    expect(focusProblems(file())).toEqual([]);
  });

  it('is refused by the rules when a column, a type, a null, a value or a period is wrong', () => {
    const text = file();
    const broken = (from: string, to: string) => focusProblems(text.replace(from, to));
    expect(broken('BillingAccountId,', 'AccountId,')).toEqual(expect.arrayContaining(['missing mandatory column BillingAccountId', "column AccountId is neither FOCUS's nor custom (x_)"]));
    expect(broken('1.25,org-1', '$1.25,org-1')).toContain('row 2: BilledCost "$1.25" is not a Decimal');
    expect(broken('2025-01-31T00:00:00Z', '2025-01-31 00:00')).toEqual(expect.arrayContaining([expect.stringMatching(/ChargePeriodStart .* is not a DateTime/)]));
    expect(broken(',Usage,', ',Usage ,')).toContain('row 2: ChargeCategory "Usage " is not an allowed value');
    expect(broken('AI and Machine Learning', 'AI')).toContain('row 2: ServiceCategory "AI" is not an allowed value');
    expect(broken(',Prod,', ',,')).toContain('row 2: SubAccountName must be null exactly when SubAccountId is');
    expect(broken(',1500,tokens,', ',1500,,')).toContain('row 2: PricingUnit must be null exactly when PricingQuantity is');
    expect(broken(',USD,', ',usd,')).toContain('row 2: BillingCurrency "usd" is not an ISO 4217 code');
    expect(broken('2025-01-31T00:00:00Z', '2025-02-03T00:00:00Z')).toContain('row 2: the ChargePeriod is not inside the BillingPeriod');
  });
});
