import { format, isValid, parse } from 'date-fns';
import { isMonthKey, toCalendarProxy, type MonthKey } from '../../archive/month-range';

// `cost_2025-12-01_2025-12-31.csv`, `completions_usage_…`; browsers append " (1)" (Chrome) or
// "(1)" (Firefox) when the same name was downloaded before.
const DASHBOARD_FILE_NAME =
  /^[a-z][a-z0-9_]*_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})(?: ?\(\d+\))?\.[a-z0-9]+$/i;

/**
 * The month a dashboard export file covers, from its name. Null unless both days are real,
 * ordered and inside one month: a file spanning months cannot be attributed to one.
 */
export function monthFromFileName(fileName: string): MonthKey | null {
  const baseName = fileName.split(/[\\/]/).pop() ?? '';
  const match = DASHBOARD_FILE_NAME.exec(baseName);
  if (!match?.[1] || !match[2]) return null;
  let from: Date;
  let to: Date;
  try {
    from = toCalendarProxy(match[1]);
    to = toCalendarProxy(match[2]);
  } catch {
    return null;
  }
  const month = format(from, 'yyyy-MM');
  return from <= to && format(to, 'yyyy-MM') === month ? month : null;
}

const NAMED_MONTH = /^(\p{L}+)\.?,? (\d{4})$/u;
// en-GB abbreviates September as "Sept", which date-fns' en-US parser does not know.
const SEPT = /^sept$/i;

/**
 * The month a row label names: "January 2024", "Jan 2024", "Jan. 2024", "January, 2024"
 * (any case; English month names as the dashboard shows them) or "2024-01". Anything else,
 * including two-digit years, is null.
 */
export function monthFromLabel(label: string): MonthKey | null {
  const text = label.trim().replace(/\s+/g, ' ');
  if (isMonthKey(text)) return text;
  const match = NAMED_MONTH.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const monthName = SEPT.test(match[1]) ? 'Sep' : match[1];
  // 'MMMM' also accepts the three-letter abbreviations, and the whole input must match.
  const parsed = parse(`${monthName} ${match[2]}`, 'MMMM yyyy', new Date(2000, 0, 1, 12));
  return isValid(parsed) ? format(parsed, 'yyyy-MM') : null;
}
