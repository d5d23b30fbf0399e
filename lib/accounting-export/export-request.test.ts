import { describe, expect, it } from 'vitest';
import { exportPageQuery, exportYears, parseExportQuery, type ExportRequest } from './export-request';

const NOW = new Date('2026-03-15T12:00:00Z');

describe('export page requests', () => {
  it('offers 2020 up to this year and defaults to last year', () => {
    const { years, defaultYear } = exportYears(NOW);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2020);
    expect(defaultYear).toBe(2025);
  });

  it('round-trips a project export with the organization through the URL', () => {
    const request: ExportRequest = { period: { kind: 'year', year: 2025 }, scope: 'proj_abc', organizationName: 'Acme & Co', organizationId: 'org-1' };
    const query = exportPageQuery(request);
    expect(query).toBe('?year=2025&scope=proj_abc&org=Acme+%26+Co&orgId=org-1');
    expect(parseExportQuery(query, NOW)).toEqual(request);
    expect(parseExportQuery('?year=2025&scope=organization', NOW)).toEqual({
      period: { kind: 'year', year: 2025 },
      scope: 'organization',
      organizationName: null,
      organizationId: null,
    });
  });

  it.each<[string, ExportRequest['period']]>([
    ['?fiscal=2025-04', { kind: 'fiscal-year', start: '2025-04' }],
    ['?quarter=2025-Q4', { kind: 'quarter', year: 2025, quarter: 4 }],
    ['?month=2026-02', { kind: 'month', month: '2026-02' }],
    ['?from=2025-01-15&to=2025-02-14', { kind: 'range', start: '2025-01-15', endInclusive: '2025-02-14' }],
  ])('reads %s and writes it back the same', (query, period) => {
    const request = parseExportQuery(`${query}&scope=organization`, NOW);
    expect(request).toEqual({ period, scope: 'organization', organizationName: null, organizationId: null });
    expect(exportPageQuery(request as ExportRequest)).toBe(`${query}&scope=organization`);
  });

  it.each([
    '?year=2027',
    '?year=2019',
    '?year=25',
    '?',
    '?year=2025&month=2025-01',
    '?quarter=2025-Q5',
    '?month=2025-13',
    '?fiscal=2026-04',
    '?from=2025-02-10&to=2025-02-01',
    '?from=2025-02-30&to=2025-03-01',
    '?year=2025&scope=everything',
    '?year=2025&scope=proj_a%2Fb',
  ])('refuses %s with a reason', (query) => {
    expect(parseExportQuery(query, NOW)).toEqual({ error: expect.any(String) });
  });
});
