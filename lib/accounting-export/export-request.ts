import { parseScope, type Scope } from '../admin-api/scope';
import { utcDayKey } from '../core/utc-days';
import { FIRST_EXPORT_YEAR, periodProblem, type ExportPeriod } from './period';

export { FIRST_EXPORT_YEAR } from './period';

/** What the popup or options asks the export page for, carried in its URL (so it can be bookmarked). */
export interface ExportRequest {
  period: ExportPeriod;
  scope: Scope;
  /** As the dashboard shows it, when the asking page knew it (the API does not give it). */
  organizationName: string | null;
  organizationId: string | null;
}

export const EXPORT_PAGE_PATH = '/export.html';

/** Years offered, newest first; the default is last year (a closed year to account for). */
export function exportYears(now: Date): { years: number[]; defaultYear: number } {
  const current = now.getUTCFullYear();
  const years = Array.from({ length: current - FIRST_EXPORT_YEAR + 1 }, (_, i) => current - i);
  return { years, defaultYear: current - 1 };
}

/** The period's URL parameters: `year=2025`, `fiscal=2025-04`, `quarter=2025-Q2`, `month=2025-03` or `from=…&to=…`. */
function periodParams(period: ExportPeriod): [string, string][] {
  switch (period.kind) {
    case 'year':
      return [['year', String(period.year)]];
    case 'fiscal-year':
      return [['fiscal', period.start]];
    case 'quarter':
      return [['quarter', `${period.year}-Q${period.quarter}`]];
    case 'month':
      return [['month', period.month]];
    case 'range':
      return [
        ['from', period.start],
        ['to', period.endInclusive],
      ];
  }
}

export function exportPageQuery(request: ExportRequest): string {
  const params = new URLSearchParams([...periodParams(request.period), ['scope', request.scope]]);
  if (request.organizationName !== null) params.set('org', request.organizationName);
  if (request.organizationId !== null) params.set('orgId', request.organizationId);
  return `?${params.toString()}`;
}

const PERIOD_KEYS = ['year', 'fiscal', 'quarter', 'month', 'from'] as const;
const PERIOD_HELP = 'Give one of year=YYYY, fiscal=YYYY-MM (its first month), quarter=YYYY-Q1…4, month=YYYY-MM, or from=YYYY-MM-DD&to=YYYY-MM-DD.';

function parsePeriod(params: URLSearchParams): ExportPeriod | { error: string } {
  const given = PERIOD_KEYS.filter((key) => params.has(key));
  if (given.length !== 1) return { error: `The page's address names ${given.length === 0 ? 'no' : 'more than one'} period. ${PERIOD_HELP}` };
  const text = (key: string) => params.get(key) ?? '';
  switch (given[0]) {
    case 'year':
      return /^\d{4}$/.test(text('year')) ? { kind: 'year', year: Number(text('year')) } : { error: `"${text('year')}" is not a year. ${PERIOD_HELP}` };
    case 'fiscal':
      return { kind: 'fiscal-year', start: text('fiscal') };
    case 'quarter': {
      const match = /^(\d{4})-Q([1-4])$/.exec(text('quarter'));
      return match
        ? { kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 }
        : { error: `"${text('quarter')}" is not a quarter. ${PERIOD_HELP}` };
    }
    case 'month':
      return { kind: 'month', month: text('month') };
    default:
      return { kind: 'range', start: text('from'), endInclusive: text('to') };
  }
}

/** The request in the export page's URL, or why it cannot be run. */
export function parseExportQuery(search: string, now: Date): ExportRequest | { error: string } {
  const params = new URLSearchParams(search);
  const period = parsePeriod(params);
  if ('error' in period) return period;
  const problem = periodProblem(period, utcDayKey(now.getTime() / 1000));
  if (problem !== null) return { error: `That period cannot be exported: ${problem}` };
  const scopeText = params.get('scope') ?? 'organization';
  const scope = parseScope(scopeText);
  if (scope === null) return { error: `"${scopeText}" is neither the organization nor a project id.` };
  return { period, scope, organizationName: params.get('org') || null, organizationId: params.get('orgId') || null };
}
