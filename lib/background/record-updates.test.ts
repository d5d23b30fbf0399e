import { describe, expect, it } from 'vitest';
import { SNOOZE_MS, type OrganizationLogging } from '../logging-reminder/logging-state';
import { KEEP, withHealth, withKnownProject, withLoggingPage, withLoggingSetting, withSilence, BUDGET } from './record-updates';

const NOW = 1_742_000_000_000;

describe('record updates', () => {
  it('a Logs page showing the same state again changes nothing (no write)', () => {
    const all = { 'org-1': { pages: { proj_a: { status: 'disabled' as const, at: 1 } } } };
    expect(withLoggingPage(all, { organization: 'org-1', project: 'proj_a', status: 'disabled', at: 2 }, NOW)).toBeNull();
    expect(withLoggingPage(all, { organization: 'org-1', project: 'proj_a', status: 'enabled', at: 2 }, NOW)).toEqual({
      'org-1': { pages: { proj_a: { status: 'enabled', at: 2 } } },
    });
  });

  it('keeps the setting beside the pages it does not touch', () => {
    const all = { 'org-1': { pages: { proj_a: { status: 'disabled' as const, at: 1 } } } };
    expect(withLoggingSetting(all, { organization: 'org-1', setting: 'disabled', projectIds: [], at: NOW + 5 }, NOW)).toEqual({
      'org-1': { pages: { proj_a: { status: 'disabled', at: 1 } }, setting: { setting: 'disabled', projectIds: [], at: NOW } },
    });
  });

  it('a page reporting ever new keys cannot fill storage: the most recently reported are kept', () => {
    let all = {};
    for (let n = 0; n < KEEP.organizations + 10; n += 1) {
      all = withLoggingPage(all, { organization: `org-${n}`, project: 'proj_a', status: 'disabled', at: n }, NOW) ?? all;
    }
    expect(Object.keys(all)).toHaveLength(KEEP.organizations);
    expect(Object.keys(all)[0]).toBe('org-10');

    let projects = {};
    for (let n = 0; n < KEEP.knownProjects + 1; n += 1) {
      projects = withKnownProject(projects, { key: `k${n}`, id: null, name: `P${n}`, organization: 'Acme' }, NOW) ?? projects;
    }
    expect(Object.keys(projects)).toHaveLength(KEEP.knownProjects);
    expect(projects).not.toHaveProperty('k0');
  });

  it('a project reported again under the same name is no write; a renamed one is, with the time seen', () => {
    const all = { proj_a: { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Acme', lastSeen: 1 } };
    expect(withKnownProject(all, { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Acme' }, NOW)).toBeNull();
    expect(withKnownProject(all, { key: 'proj_a', id: 'proj_a', name: 'Alpha 2', organization: 'Acme' }, NOW)?.proj_a).toEqual({
      key: 'proj_a',
      id: 'proj_a',
      name: 'Alpha 2',
      organization: 'Acme',
      lastSeen: NOW,
    });
  });

  it("a project seen without id gets the id its name has in the key's project list, under the page's key", () => {
    const sighting = { key: 'name:Acme/Sandbox', id: null, name: 'Sandbox', organization: 'Acme' };
    const found = withKnownProject({}, sighting, NOW, 'proj_sand');
    expect(found?.['name:Acme/Sandbox']).toEqual({ ...sighting, id: 'proj_sand', lastSeen: NOW });
    // Seen again, still found: no write. No longer found (key removed, a second project of that name): unknown again.
    expect(withKnownProject(found!, sighting, NOW + 1, 'proj_sand')).toBeNull();
    expect(withKnownProject(found!, sighting, NOW + 1, null)?.['name:Acme/Sandbox']?.id).toBeNull();
    // An id the page shows wins over the name's.
    expect(withKnownProject({}, { ...sighting, key: 'proj_page', id: 'proj_page' }, NOW, 'proj_sand')?.proj_page?.id).toBe('proj_page');
  });

  it('merges health per feature and silences per project', () => {
    const health = withHealth({ a: { state: 'active', path: '/x', at: 1 } }, { b: { state: 'error', path: '/y', at: 2, error: 'boom' } });
    expect(Object.keys(health)).toEqual(['a', 'b']);
    expect(withSilence({ proj_a: { dismissed: true } }, { project: 'proj_b', how: 'snooze' }, NOW)).toEqual({
      proj_a: { dismissed: true },
      proj_b: { snoozedUntil: NOW + SNOOZE_MS },
    });
  });

  it('a burst of forged settings (50 organizations, 5,000 project ids each) stays within its budget, the newest kept', () => {
    const projectIds = Array.from({ length: 5_000 }, (_, n) => `proj_${String(n).padStart(24, 'x')}`);
    let all: Record<string, OrganizationLogging> = {};
    let writes = 0;
    for (let n = 0; n < 50; n += 1) {
      const pages = Object.fromEntries(Array.from({ length: 1_000 }, (_, p) => [`name:Org ${n}/Project ${p}`, { status: 'disabled' as const, at: NOW - 1 }]));
      all = { ...all, [`org-${n}`]: { ...all[`org-${n}`], pages } };
      const next = withLoggingSetting(all, { organization: `org-${n}`, setting: 'enabled_for_selected_projects', projectIds, at: NOW }, NOW);
      if (next) {
        writes += 1;
        all = next;
      }
      expect(JSON.stringify(all).length).toBeLessThanOrEqual(BUDGET.loggingChars);
      for (const organization of Object.values(all)) expect(JSON.stringify(organization).length).toBeLessThanOrEqual(BUDGET.organizationChars);
    }
    expect(writes).toBe(50);
    expect(all['org-49']?.setting?.projectIds).toHaveLength(5_000);
    expect(all).not.toHaveProperty('org-0');
    // The same message again is no write.
    expect(withLoggingSetting(all, { organization: 'org-49', setting: 'enabled_for_selected_projects', projectIds, at: NOW + 1_000 }, NOW + 1_000)).toBeNull();
  });

  it('a setting seen again after a newer Logs page observation is written again, so it is the newest', () => {
    const all = { 'org-1': { pages: {}, setting: { setting: 'disabled' as const, projectIds: [], at: NOW } } };
    expect(withLoggingSetting(all, { organization: 'org-1', setting: 'disabled', projectIds: [], at: NOW + 5 }, NOW + 5)).toBeNull();
    const paged = { 'org-1': { ...all['org-1'], pages: { proj_a: { status: 'enabled' as const, at: NOW + 120_000 } } } };
    expect(withLoggingSetting(paged, { organization: 'org-1', setting: 'disabled', projectIds: [], at: NOW + 180_000 }, NOW + 180_000)?.['org-1']?.setting?.at).toBe(NOW + 180_000);
  });

  it('known projects and silences stay within their budgets whatever the sizes of the keys reported', () => {
    let projects = {};
    let silences = {};
    // 650 of the largest keys a message may carry: past both budgets, within the counts kept.
    for (let n = 0; n < 650; n += 1) {
      const key = `name:${'O'.repeat(190)}/${'P'.repeat(190)}${n}`;
      projects = withKnownProject(projects, { key, id: null, name: 'P'.repeat(200), organization: 'O'.repeat(200) }, NOW) ?? projects;
      silences = withSilence(silences, { project: key, how: 'snooze' }, NOW);
    }
    expect(JSON.stringify(projects).length).toBeLessThanOrEqual(BUDGET.knownProjectsChars);
    expect(JSON.stringify(silences).length).toBeLessThanOrEqual(BUDGET.silencesChars);
    expect(Object.keys(projects).at(-1)).toMatch(/P649$/);
    expect(Object.keys(projects).length).toBeLessThan(650);
  }, 20_000); // Hundreds of writes of half a megabyte: room for a busy machine; time is not what this test checks.
});
