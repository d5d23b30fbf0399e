import { describe, expect, it } from 'vitest';
import type { Project } from '../admin-api/responses';
import { listSeenProjects } from './seen-projects';

function project(id: string, name: string | null, archivedAt: number | null = null): Project {
  return { id, name, createdAt: 1, archivedAt, status: archivedAt === null ? 'active' : 'archived' };
}

const bucket = <R>(results: R[]) => ({ startTime: 0, endTime: 86_400, results });

describe('listSeenProjects', () => {
  it('lists every project by name, case-insensitively, marking archived ones', () => {
    const seen = listSeenProjects({
      projects: [project('proj_2', 'beta'), project('proj_1', 'Alpha'), project('proj_3', 'Gamma', 5)],
      costs: [],
      usage: [],
    });
    expect(seen).toEqual([
      { id: 'proj_1', name: 'Alpha', archived: false },
      { id: 'proj_2', name: 'beta', archived: false },
      { id: 'proj_3', name: 'Gamma', archived: true },
    ]);
  });

  it('adds projects that only appear in costs or usage, without a name, once each', () => {
    const seen = listSeenProjects({
      projects: [project('proj_b', 'Bravo')],
      costs: [bucket([{ projectId: 'proj_x' }, { projectId: null }, { projectId: 'proj_b' }])],
      usage: [bucket([{ projectId: 'proj_x' }, { projectId: 'proj_y' }])],
    });
    expect(seen.map((p) => [p.id, p.name])).toEqual([
      ['proj_b', 'Bravo'],
      ['proj_x', null],
      ['proj_y', null],
    ]);
  });

  it('works when the project list could not be read', () => {
    const seen = listSeenProjects({
      projects: null,
      costs: [bucket([{ projectId: 'proj_z' }])],
      usage: [],
    });
    expect(seen).toEqual([{ id: 'proj_z', name: null, archived: false }]);
  });
});
