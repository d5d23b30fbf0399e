import { parseScope, type Scope } from '../admin-api/scope';

/** What the popup or options asks the export page for, carried in its URL. */
export interface ExportRequest {
  year: number;
  scope: Scope;
  /** As the dashboard shows it, when the asking page knew it (the API does not give it). */
  organizationName: string | null;
  organizationId: string | null;
}

export const EXPORT_PAGE_PATH = '/export.html';

/** The first year the Admin API's cost and usage buckets can hold anything. */
export const FIRST_EXPORT_YEAR = 2020;

/** Years offered, newest first; the default is last year (a closed year to account for). */
export function exportYears(now: Date): { years: number[]; defaultYear: number } {
  const current = now.getUTCFullYear();
  const years = Array.from({ length: current - FIRST_EXPORT_YEAR + 1 }, (_, i) => current - i);
  return { years, defaultYear: current - 1 };
}

export function exportPageQuery(request: ExportRequest): string {
  const params = new URLSearchParams({
    year: String(request.year),
    scope: request.scope,
  });
  if (request.organizationName !== null) params.set('org', request.organizationName);
  if (request.organizationId !== null) params.set('orgId', request.organizationId);
  return `?${params.toString()}`;
}

/** The request in the export page's URL, or why it cannot be run. */
export function parseExportQuery(search: string, now: Date): ExportRequest | { error: string } {
  const params = new URLSearchParams(search);
  const yearText = params.get('year') ?? '';
  const year = Number(yearText);
  const current = now.getUTCFullYear();
  if (!/^\d{4}$/.test(yearText) || year < FIRST_EXPORT_YEAR || year > current) {
    return { error: `"${yearText}" is not a year that can be exported (${FIRST_EXPORT_YEAR} to ${current}).` };
  }
  const scopeText = params.get('scope') ?? 'organization';
  const scope = parseScope(scopeText);
  if (scope === null) return { error: `"${scopeText}" is neither the organization nor a project id.` };
  return { year, scope, organizationName: params.get('org') || null, organizationId: params.get('orgId') || null };
}
