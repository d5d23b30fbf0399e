import { csvRecords, parseCsv } from './csv';
import {
  FOCUS_COLUMN_RULES,
  FOCUS_CURRENCY,
  FOCUS_CUSTOM_COLUMN,
  FOCUS_DATETIME,
  FOCUS_DECIMAL,
  FOCUS_USAGE_NOT_NULL,
  type FocusColumnRule,
} from './focus-rules';

const TYPE_CHECKS: Record<FocusColumnRule['type'], (value: string) => boolean> = {
  String: () => true,
  Decimal: (value) => FOCUS_DECIMAL.test(value),
  DateTime: (value) => FOCUS_DATETIME.test(value),
};

/**
 * Checks a FOCUS file against FOCUS_COLUMN_RULES: every Mandatory column present, no
 * column that is neither FOCUS's nor custom ("x_…"), each value of its type, null (an
 * empty cell) only where allowed, allowed values only, the paired nulls, BillingCurrency
 * an ISO 4217 code, quantities on every Usage row, each ChargePeriod inside its
 * BillingPeriod. Returns the problems found, at most `limit`; none means valid.
 */
export function focusProblems(text: string, limit = 20): string[] {
  const problems: string[] = [];
  const add = (problem: string) => void (problems.length < limit && problems.push(problem));
  const [header = []] = parseCsv(text);
  const rules = new Map(FOCUS_COLUMN_RULES.map((rule) => [rule.name, rule]));
  for (const rule of FOCUS_COLUMN_RULES) if (rule.level === 'Mandatory' && !header.includes(rule.name)) add(`missing mandatory column ${rule.name}`);
  for (const name of header) if (!rules.has(name) && !FOCUS_CUSTOM_COLUMN.test(name)) add(`column ${name} is neither FOCUS's nor custom (x_)`);

  csvRecords(text).forEach((row, index) => {
    const at = `row ${index + 2}`;
    for (const name of header) {
      const rule = rules.get(name);
      if (!rule) continue;
      const value = row[name] ?? '';
      if (value === '') {
        if (!rule.nullable) add(`${at}: ${name} is null`);
      } else {
        if (!TYPE_CHECKS[rule.type](value)) add(`${at}: ${name} "${value}" is not a ${rule.type}`);
        if (rule.allowed && !rule.allowed.includes(value)) add(`${at}: ${name} "${value}" is not an allowed value`);
      }
      if (rule.nullWith !== undefined && header.includes(rule.nullWith) && (value === '') !== ((row[rule.nullWith] ?? '') === '')) {
        add(`${at}: ${name} must be null exactly when ${rule.nullWith} is`);
      }
    }
    if (row.BillingCurrency !== undefined && !FOCUS_CURRENCY.test(row.BillingCurrency)) add(`${at}: BillingCurrency "${row.BillingCurrency}" is not an ISO 4217 code`);
    if (row.ChargeCategory === 'Usage' && row.ChargeClass === '') {
      for (const name of FOCUS_USAGE_NOT_NULL) if (header.includes(name) && row[name] === '') add(`${at}: ${name} is null on a Usage row`);
    }
    const inside =
      (row.BillingPeriodStart ?? '') <= (row.ChargePeriodStart ?? '') &&
      (row.ChargePeriodStart ?? '') < (row.ChargePeriodEnd ?? '') &&
      (row.ChargePeriodEnd ?? '') <= (row.BillingPeriodEnd ?? '');
    if (!inside) add(`${at}: the ChargePeriod is not inside the BillingPeriod`);
  });
  return problems;
}
