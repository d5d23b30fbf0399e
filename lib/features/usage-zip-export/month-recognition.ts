import { format, isValid, parse } from 'date-fns';
import { isMonthKey, type MonthKey } from '../../archive/month-range';

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
