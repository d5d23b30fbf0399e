import { describe, expect, it } from 'vitest';
import { defaultAccent, isHexColor, resolveAccent } from './accent';
import { projectKey } from '../../core/identity';

describe('projectKey', () => {
  it('prefers the project id', () => {
    expect(projectKey({ id: 'proj_abc', name: 'App', organization: 'Acme' })).toBe('proj_abc');
  });
  it('falls back to organization and name', () => {
    expect(projectKey({ id: null, name: 'App', organization: 'Acme' })).toBe('name:Acme/App');
  });
});

describe('defaultAccent', () => {
  it('is a deterministic hex colour', () => {
    expect(defaultAccent('proj_abc')).toBe(defaultAccent('proj_abc'));
    expect(isHexColor(defaultAccent('proj_abc'))).toBe(true);
  });
  it('spreads different projects over different colours', () => {
    const colours = new Set(['proj_1', 'proj_2', 'proj_3', 'proj_4', 'proj_5', 'proj_6'].map(defaultAccent));
    expect(colours.size).toBeGreaterThanOrEqual(5);
  });
});

describe('resolveAccent', () => {
  it('uses a valid override, normalized to lower case', () => {
    expect(resolveAccent('proj_a', { proj_a: '#FF0000' })).toBe('#ff0000');
  });
  it('ignores an invalid override so nothing odd reaches the stylesheet', () => {
    expect(resolveAccent('proj_a', { proj_a: 'red;}body{display:none' })).toBe(defaultAccent('proj_a'));
  });
  it('defaults when there is no override', () => {
    expect(resolveAccent('proj_a', { proj_b: '#00ff00' })).toBe(defaultAccent('proj_a'));
  });
});
