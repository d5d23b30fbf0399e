import { describe, expect, it } from 'vitest';
import type { SpendLimitResult } from '../admin-api/spend-limits';
import { isDefaultProject, limitFlags } from './limit-flags';

const spent = (scope: string, costMicros: number) => ({ scope, monthToDate: { costMicros, requests: 1, inputTokens: 0, outputTokens: 0 } });
const LIMIT: SpendLimitResult = { state: 'limit', limit: { thresholdMicros: 50_000_000, currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: 'enforcing' } };
const PROJECTS = [
  { id: 'proj_prod', name: 'Production' },
  { id: 'proj_sand', name: 'Sandbox' },
  { id: 'proj_def', name: 'Default project' },
  { id: 'proj_idle', name: 'Idle' },
  { id: 'proj_hidden', name: 'Hidden' },
];

describe('limitFlags', () => {
  const summaries = {
    organization: spent('organization', 100_000_000),
    proj_prod: spent('proj_prod', 60_000_000),
    proj_sand: spent('proj_sand', 7_250_000),
    proj_def: spent('proj_def', 30_000_000),
    proj_idle: spent('proj_idle', 0),
    proj_hidden: spent('proj_hidden', 2_000_000),
  };

  it('flags projects spending with no limit and spend in the Default project, biggest first', () => {
    const flags = limitFlags({
      summaries,
      limits: { organization: { state: 'no-limit' }, proj_prod: LIMIT, proj_sand: { state: 'no-limit' }, proj_def: { state: 'no-limit' }, proj_idle: { state: 'no-limit' } },
      projects: PROJECTS,
    });
    expect(flags).toEqual([
      { projectId: 'proj_def', kind: 'default-project', monthToDateMicros: 30_000_000 },
      { projectId: 'proj_sand', kind: 'no-limit', monthToDateMicros: 7_250_000 },
    ]);
  });

  it('flags nothing it does not know: a limit not read yet or not readable (403)', () => {
    const flags = limitFlags({ summaries, limits: { proj_sand: { state: 'not-allowed' } }, projects: PROJECTS });
    // The Default project cannot have a limit whatever the key may read.
    expect(flags).toEqual([{ projectId: 'proj_def', kind: 'default-project', monthToDateMicros: 30_000_000 }]);
  });

  it('survives a wrong guess: a project named "Default project" that has a limit is not flagged', () => {
    expect(limitFlags({ summaries, limits: { proj_def: LIMIT }, projects: PROJECTS })).toEqual([]);
    expect(isDefaultProject('  default Project ', undefined)).toBe(true);
    expect(isDefaultProject('Default project', LIMIT)).toBe(false);
    expect(isDefaultProject(null, undefined)).toBe(false);
    expect(isDefaultProject('Default project 2', { state: 'no-limit' })).toBe(false);
  });

  it('flags nothing when nothing was spent', () => {
    expect(limitFlags({ summaries: { proj_idle: spent('proj_idle', 0) }, limits: { proj_idle: { state: 'no-limit' } }, projects: PROJECTS })).toEqual([]);
  });
});
