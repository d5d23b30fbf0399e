import { describe, expect, it } from 'vitest';
import { exportPageQuery, exportYears, parseExportQuery } from './export-request';

const NOW = new Date('2026-03-15T12:00:00Z');

describe('export page requests', () => {
  it('offers 2020 up to this year and defaults to last year', () => {
    const { years, defaultYear } = exportYears(NOW);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2020);
    expect(defaultYear).toBe(2025);
  });

  it('round-trips a project export with the organization through the URL', () => {
    const request = { year: 2025, scope: 'proj_abc', organizationName: 'Acme & Co', organizationId: 'org-1' };
    const query = exportPageQuery(request);
    expect(query).toBe('?year=2025&scope=proj_abc&org=Acme+%26+Co&orgId=org-1');
    expect(parseExportQuery(query, NOW)).toEqual(request);
    expect(parseExportQuery('?year=2025&scope=organization', NOW)).toEqual({
      year: 2025,
      scope: 'organization',
      organizationName: null,
      organizationId: null,
    });
  });

  it.each(['?year=2027', '?year=2019', '?year=25', '?', '?year=2025&scope=everything', '?year=2025&scope=proj_a%2Fb'])(
    'refuses %s with a reason',
    (query) => {
      expect(parseExportQuery(query, NOW)).toEqual({ error: expect.any(String) });
    },
  );
});
