import { describe, expect, it } from 'vitest';
import { isOrganizationId, isProjectId, parseScope, PROJECT_ID_SOURCE, scopeProjectId } from './scope';

describe('scope', () => {
  it('accepts project ids of the documented shape up to 64 characters in all', () => {
    expect(isProjectId('proj_abc-D_9')).toBe(true);
    expect(isProjectId(`proj_${'a'.repeat(59)}`)).toBe(true);
    expect(isProjectId(`proj_${'a'.repeat(60)}`)).toBe(false);
    expect(isProjectId('proj_')).toBe(false);
    expect(isProjectId('proj_a/b')).toBe(false);
    expect(isProjectId('org-abc')).toBe(false);
    expect(isProjectId(42)).toBe(false);
  });

  it('accepts organization ids of the documented shape', () => {
    expect(isOrganizationId('org-abc')).toBe(true);
    expect(isOrganizationId(`org-${'a'.repeat(61)}`)).toBe(false);
    expect(isOrganizationId('proj_abc')).toBe(false);
  });

  it('parses a scope and names its project', () => {
    expect(parseScope('organization')).toBe('organization');
    expect(parseScope('proj_abc')).toBe('proj_abc');
    expect(parseScope('everything')).toBeNull();
    expect(parseScope(null)).toBeNull();
    expect(scopeProjectId('organization')).toBeNull();
    expect(scopeProjectId('proj_abc')).toBe('proj_abc');
  });

  it('finds a project id inside a longer text', () => {
    expect(new RegExp(PROJECT_ID_SOURCE).exec('/settings/proj_x1/api-keys')?.[0]).toBe('proj_x1');
  });
});
