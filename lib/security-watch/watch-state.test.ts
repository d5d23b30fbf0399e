import { describe, expect, it } from 'vitest';
import { EMPTY_WATCH_STATE, isWatchState, migrateWatchStateToV2 } from './watch-state';

describe('migrateWatchStateToV2', () => {
  it("keeps every key and adds the owner's e-mail as unknown, so the name stands in", () => {
    const v1 = {
      ...EMPTY_WATCH_STATE,
      projects: [
        {
          projectId: 'proj_a',
          projectName: 'Alpha',
          readAt: 1,
          problem: null,
          keys: [{ id: 'key_a', name: 'web', redactedValue: 'sk-...a', createdAt: 1, lastUsedAt: null, owner: { type: 'user', id: 'u', name: 'Ada' }, ownerProjectAccess: 'active' }],
        },
      ],
    };
    const v2 = migrateWatchStateToV2(v1) as typeof EMPTY_WATCH_STATE;
    expect(isWatchState(v2)).toBe(true);
    expect(v2.projects[0]!.keys).toEqual([{ ...v1.projects[0]!.keys[0], owner: { type: 'user', id: 'u', name: 'Ada', email: null } }]);
  });

  it('leaves a value of another shape to the validator', () => {
    expect(migrateWatchStateToV2('garbage')).toBe('garbage');
  });
});
