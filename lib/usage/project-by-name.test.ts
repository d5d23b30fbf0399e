import { describe, expect, it } from 'vitest';
import type { ProjectNames } from './cache';
import { pageReadProjectIds, projectIdByName } from './project-by-name';

const listed = (...projects: [id: string, name: string | null, archived?: boolean][]): ProjectNames => ({
  projects: projects.map(([id, name, archived = false]) => ({ id, name, archived })),
  listed: true,
});

const ORGANIZATION = listed(['proj_prod', 'Production'], ['proj_sand', 'Sandbox'], ['proj_old', 'Legacy', true]);

describe('projectIdByName', () => {
  it('gives the id of the one listed project with that name', () => {
    expect(projectIdByName({ name: 'Sandbox', keySet: true, listed: ORGANIZATION })).toBe('proj_sand');
    expect(projectIdByName({ name: 'Production', keySet: true, listed: ORGANIZATION })).toBe('proj_prod');
  });

  it('stays unknown when two projects bear the name, archived or not: it never guesses', () => {
    const twice = listed(['proj_a', 'Production'], ['proj_b', 'Production']);
    expect(projectIdByName({ name: 'Production', keySet: true, listed: twice })).toBeNull();
    const oneArchived = listed(['proj_a', 'Production'], ['proj_b', 'Production', true]);
    expect(projectIdByName({ name: 'Production', keySet: true, listed: oneArchived })).toBeNull();
  });

  it('matches archived projects too (they keep their names and may still be shown)', () => {
    expect(projectIdByName({ name: 'Legacy', keySet: true, listed: ORGANIZATION })).toBe('proj_old');
  });

  it('tells case apart, but not the whitespace the page folds when it renders a name', () => {
    expect(projectIdByName({ name: 'sandbox', keySet: true, listed: ORGANIZATION })).toBeNull();
    expect(projectIdByName({ name: 'SANDBOX', keySet: true, listed: ORGANIZATION })).toBeNull();
    const spaced = listed(['proj_x', '  My   Project '], ['proj_y', 'my project']);
    expect(projectIdByName({ name: 'My Project', keySet: true, listed: spaced })).toBe('proj_x');
    expect(projectIdByName({ name: ' My Project\n', keySet: true, listed: spaced })).toBe('proj_x');
    // Folded alike, two listed names become one shown name: ambiguous.
    const folded = listed(['proj_x', 'My  Project'], ['proj_y', 'My Project']);
    expect(projectIdByName({ name: 'My Project', keySet: true, listed: folded })).toBeNull();
  });

  it('matches no truncated, partial or empty name', () => {
    expect(projectIdByName({ name: 'Sand…', keySet: true, listed: ORGANIZATION })).toBeNull();
    expect(projectIdByName({ name: 'Sand', keySet: true, listed: ORGANIZATION })).toBeNull();
    expect(projectIdByName({ name: '  ', keySet: true, listed: listed(['proj_z', ' ']) })).toBeNull();
  });

  it('is null without a key, before the first refresh, and when the key may not list projects', () => {
    expect(projectIdByName({ name: 'Sandbox', keySet: false, listed: ORGANIZATION })).toBeNull();
    expect(projectIdByName({ name: 'Sandbox', keySet: true, listed: null })).toBeNull();
    // Projects seen only in costs have ids but no names.
    expect(projectIdByName({ name: 'Sandbox', keySet: true, listed: { projects: [{ id: 'proj_sand', name: null, archived: false }], listed: false } })).toBeNull();
  });

  it("stays within the key's organization: a tab whose own project ids are not in the list is another organization", () => {
    expect(projectIdByName({ name: 'Sandbox', keySet: true, listed: ORGANIZATION, organizationProjectIds: ['proj_elsewhere'] })).toBeNull();
    expect(projectIdByName({ name: 'Sandbox', keySet: true, listed: ORGANIZATION, organizationProjectIds: ['proj_elsewhere', 'proj_prod'] })).toBe(
      'proj_sand',
    );
    expect(projectIdByName({ name: 'Sandbox', keySet: true, listed: ORGANIZATION, organizationProjectIds: [] })).toBe('proj_sand');
  });
});

describe('pageReadProjectIds', () => {
  it("collects the ids the page showed in that organization, not ids that were themselves found by name", () => {
    const known = [
      { key: 'proj_prod', id: 'proj_prod', organization: 'Acme' },
      { key: 'name:Acme/Sandbox', id: 'proj_sand', organization: 'Acme' },
      { key: 'proj_other', id: 'proj_other', organization: 'Globex' },
      { key: 'name:Acme/Draft', id: null, organization: 'Acme' },
    ];
    expect(pageReadProjectIds({ organizationName: 'Acme', known, loggingProjectIds: ['proj_logged', 'proj_prod'] }).sort()).toEqual([
      'proj_logged',
      'proj_prod',
    ]);
    expect(pageReadProjectIds({ organizationName: 'Initech', known })).toEqual([]);
  });
});
