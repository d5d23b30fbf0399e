import { isMonthKey, isWholeMonths, toCalendarProxy, type DayRange, type MonthKey } from './month-range';

const MAX_SLUG_LENGTH = 40;
/** Added to the name of an archive that lacks something, so it is never taken for a whole one. */
export const INCOMPLETE_SUFFIX = 'INCOMPLETE';

/**
 * A lower-case, hyphenated form of a name for use inside a file name. Letters and digits of
 * any script are kept; everything else (including "_", which separates the archive name's
 * parts) becomes a single "-". Capped at `maxLength` code points. May return "".
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(slug).slice(0, maxLength).join('').replace(/-+$/, '');
}

export interface ArchiveNameParts {
  /** What the archive holds: 'openai-usage', 'openai-costs'. */
  prefix: string;
  /** Whose it is (organization, project), slugified; unknown or unnameable ones are left out. */
  owners: readonly (string | null | undefined)[];
  /** When it covers, written as given: months ('2024-01', '2024-12'), days or a year ('2025'). */
  period: readonly string[];
  /** False ends the name with "_INCOMPLETE". */
  complete: boolean;
}

/**
 * `<prefix>_<owners…>_<period…>[_INCOMPLETE].zip`, e.g.
 * `openai-usage_acme_my-project_2024-01_2024-12.zip` or `openai-costs_acme_2025_INCOMPLETE.zip`.
 * The one place both exports name their archives, the incomplete mark included.
 */
export function archiveFileName({ prefix, owners, period, complete }: ArchiveNameParts): string {
  const parts = [prefix, ...owners.map((owner) => slugify(owner ?? '')), ...period, complete ? '' : INCOMPLETE_SUFFIX];
  return `${parts.filter(Boolean).join('_')}.zip`;
}

/** The period of an archive of months `first` to `last`: both, or one when they are the same. */
export function monthPeriod(first: MonthKey, last: MonthKey): string[] {
  for (const month of [first, last]) {
    if (!isMonthKey(month)) throw new RangeError(`Expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
  }
  if (first > last) throw new RangeError(`First month ${first} is after last month ${last}`);
  return first === last ? [first] : [first, last];
}

/**
 * The period of an archive of the days `range`, from its first and last date: whole months
 * as months ('2024-01', '2024-12'), any other range as days ('2026-05-01', '2026-08-21');
 * one month or one day is written once. Nothing when no days are known.
 */
export function dayPeriod(range: DayRange | null): string[] {
  if (!range) return [];
  toCalendarProxy(range.start);
  toCalendarProxy(range.endInclusive);
  if (range.start > range.endInclusive) throw new RangeError(`Range starts after it ends: ${range.start} > ${range.endInclusive}`);
  if (isWholeMonths(range)) return monthPeriod(range.start.slice(0, 7), range.endInclusive.slice(0, 7));
  return range.start === range.endInclusive ? [range.start] : [range.start, range.endInclusive];
}
