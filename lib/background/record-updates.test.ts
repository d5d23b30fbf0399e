import { describe, expect, it } from 'vitest';
import { SNOOZE_MS } from '../logging-reminder/logging-state';
import { KEEP, withHealth, withKnownProject, withLoggingPage, withLoggingSetting, withSilence } from './record-updates';

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
});
