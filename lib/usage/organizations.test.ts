import { describe, expect, it } from 'vitest';
import { createAdminClient } from '../admin-api/client';
import { apiError, bucketPage, costResult, listPage, project } from '../admin-api/testing/fixtures';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { isFromToday, organizationsOverview, refreshOrganizations, type OrganizationFigures } from './organizations';

const NOW = Date.parse('2025-03-15T10:00:00Z');
const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
const DAY = 86_400;

/** An Admin API answering per key: each key is one organization with its own spend today and on the 10th. */
function apiPerKey(dollarsToday: Record<string, number | FakeReply>) {
  return (key: string) =>
    fakeFetch((url) => {
      const answer = dollarsToday[key]!;
      if (typeof answer !== 'number') return answer;
      if (url.pathname.endsWith('/projects')) return { json: listPage([project('proj_a', 'Alpha')]) };
      if (url.pathname.endsWith('/costs')) {
        return { json: bucketPage([{ start_time: TODAY - 5 * DAY, results: [costResult(answer * 2, 'proj_a', 'gpt-4o')] }, { start_time: TODAY, results: [costResult(answer, 'proj_a', 'gpt-4o')] }]) };
      }
      return { json: bucketPage([]) };
    });
}

function organizations(answers: Record<string, number | FakeReply>) {
  const serve = apiPerKey(answers);
  const served = Object.keys(answers).map((name) => ({ name, fake: serve(name) }));
  return {
    list: served.map(({ name, fake }) => ({ organizationId: `org-${name}`, name, client: createAdminClient({ apiKey: `sk-admin-${name}`, fetch: fake.fetch }) })),
    requests: () => served.map(({ fake }) => fake.requests.length),
  };
}

describe('refreshOrganizations', () => {
  it('reads each organization with its own key, the same three requests each', async () => {
    const orgs = organizations({ Acme: 3, Globex: 10, Initech: 1 });
    const figures = await refreshOrganizations(orgs.list, {}, NOW);
    expect(orgs.requests()).toEqual([3, 3, 3]);
    expect(Object.values(figures).map((entry) => [entry.name, entry.summary?.today.costMicros])).toEqual([
      ['Acme', 3_000_000],
      ['Globex', 10_000_000],
      ['Initech', 1_000_000],
    ]);
  });

  it("one organization failing (401, 429 with Retry-After, offline) keeps its last figures and leaves the others'", async () => {
    const first = await refreshOrganizations(organizations({ Acme: 3, Globex: 10, Initech: 1 }).list, {}, NOW);
    const later = NOW + 900_000;
    const orgs = organizations({
      Acme: 4,
      Globex: { status: 401, json: apiError('Incorrect API key provided') },
      Initech: { status: 429, json: apiError('Rate limit'), headers: { 'retry-after': '120' } },
    });
    const second = await refreshOrganizations(orgs.list, first, later);
    expect(second['org-Acme']!.summary?.today.costMicros).toBe(4_000_000);
    expect(second['org-Globex']).toMatchObject({ summary: first['org-Globex']!.summary, fetchedAt: NOW, status: { problem: { kind: 'invalid-key' } } });
    expect(second['org-Initech']).toMatchObject({ fetchedAt: NOW, status: { problem: { kind: 'rate-limited' }, retryAt: later + 120_000 } });
    // The organization that asked to wait is not asked again before its time; the others are.
    const third = organizations({ Acme: 4, Globex: 10, Initech: 1 });
    await refreshOrganizations(third.list, second, later + 60_000);
    expect(third.requests()).toEqual([3, 3, 0]);

    const offline = organizations({ Acme: { networkError: true }, Globex: 10 });
    const fourth = await refreshOrganizations(offline.list, second, later + 200_000);
    expect(fourth['org-Acme']).toMatchObject({ summary: second['org-Acme']!.summary, status: { problem: { kind: 'offline' } } });
    expect(fourth['org-Globex']!.status.problem).toBeNull();
  });
});

describe('organizationsOverview', () => {
  it('totals, and one line per organization ranked by spend this month; failures named, their last figures kept', async () => {
    const figures = await refreshOrganizations(organizations({ Acme: 3, Globex: 10, Initech: 1 }).list, {}, NOW);
    const failing: OrganizationFigures = { ...figures['org-Initech']!, status: { lastAttemptAt: NOW, problem: { kind: 'offline', status: null, apiMessage: null, userMessage: 'Could not reach api.openai.com' }, retryAt: null } };
    const overview = organizationsOverview([figures['org-Acme']!, figures['org-Globex']!, failing], NOW);
    expect(overview.lines.map((line) => [line.name, line.todayMicros, line.monthToDateMicros])).toEqual([
      ['Globex', 10_000_000, 30_000_000],
      ['Acme', 3_000_000, 9_000_000],
      ['Initech', 1_000_000, 3_000_000],
    ]);
    expect(overview.totals).toMatchObject({ currency: 'USD', todayMicros: 14_000_000, monthToDateMicros: 42_000_000 });
    expect(overview.totals?.projectedMonthEndMicros).toBe(overview.lines.reduce((sum, line) => sum + (line.projectedMonthEndMicros ?? 0), 0));
    expect(overview.failed).toEqual([{ organizationId: 'org-Initech', name: 'Initech', message: 'Could not reach api.openai.com' }]);
  });

  it('adds no amounts across currencies, and lists organizations not read yet', () => {
    const entry = (name: string, currency: string | null): OrganizationFigures => ({
      organizationId: `org-${name}`,
      name,
      summary: currency === null ? null : ({ currency, today: { costMicros: 1 }, monthToDate: { costMicros: 2 }, projectedMonthEndMicros: 3 } as OrganizationFigures['summary']),
      fetchedAt: currency === null ? null : NOW,
      status: { lastAttemptAt: null, problem: null, retryAt: null },
    });
    const overview = organizationsOverview([entry('Acme', 'USD'), entry('Euro', 'EUR'), entry('New', null)], NOW);
    expect(overview.totals).toBeNull();
    expect(overview.lines).toHaveLength(2);
    expect(overview.pending).toEqual(['New']);
  });

  it('adds only figures read on the same UTC day as now; a reading from the future is not trusted', async () => {
    const figures = await refreshOrganizations(organizations({ Acme: 3, Globex: 10 }).list, {}, NOW);
    const dayStart = Math.floor(NOW / 86_400_000) * 86_400_000;
    const yesterday = { ...figures['org-Globex']!, fetchedAt: dayStart - 1 };
    expect(organizationsOverview([figures['org-Acme']!, yesterday], NOW)).toMatchObject({ totals: { todayMicros: 3_000_000 }, notCounted: ['Globex'] });
    expect(isFromToday(dayStart, NOW)).toBe(true);
    expect(isFromToday(dayStart - 1, NOW)).toBe(false);
    expect(isFromToday(NOW + 1, NOW)).toBe(false);
    expect(isFromToday(null, NOW)).toBe(false);
  });
});
