import { isMonthKey, type MonthKey } from './month-range';

const PREFIX = 'openai-usage';
const MAX_SLUG_LENGTH = 40;

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
  organization?: string | null;
  project?: string | null;
  firstMonth: MonthKey;
  lastMonth: MonthKey;
}

/**
 * `openai-usage_<org>_<project>_<firstMonth>_<lastMonth>.zip`, e.g.
 * `openai-usage_acme_my-project_2024-01_2024-12.zip`. Organization and project are slugified
 * and left out, with their "_", when unknown or empty after slugifying; a single month is
 * written once (`openai-usage_acme_my-project_2024-03.zip`).
 */
export function archiveFileName({ organization, project, firstMonth, lastMonth }: ArchiveNameParts): string {
  for (const month of [firstMonth, lastMonth]) {
    if (!isMonthKey(month)) throw new RangeError(`Expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
  }
  if (firstMonth > lastMonth) throw new RangeError(`First month ${firstMonth} is after last month ${lastMonth}`);
  const parts = [
    PREFIX,
    slugify(organization ?? ''),
    slugify(project ?? ''),
    firstMonth,
    firstMonth === lastMonth ? '' : lastMonth,
  ];
  return `${parts.filter(Boolean).join('_')}.zip`;
}
