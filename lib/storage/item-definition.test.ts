import { describe, expect, it } from 'vitest';
import { itemDefinition, metaKeyOf } from './item-definition';

describe('itemDefinition', () => {
  it('keeps key, fallback, version and migrations as given', () => {
    const migrate = (previous: unknown) => [previous];
    const validate = Array.isArray;
    expect(itemDefinition<string[]>('sync:list', { fallback: [], version: 2, validate, migrations: { 2: migrate } })).toEqual({
      key: 'sync:list',
      fallback: [],
      version: 2,
      validate,
      migrations: { 2: migrate },
    });
  });

  it('refuses a version without a migration to reach it, and versions below 1', () => {
    expect(() => itemDefinition('local:broken', { fallback: 0, version: 3, validate: () => true, migrations: { 2: (v) => v } })).toThrow(
      'local:broken: version 3 has no migration to v3',
    );
    expect(() => itemDefinition('local:zero', { fallback: 0, version: 0, validate: () => true, migrations: {} })).toThrow('local:zero: version must be a whole number from 1');
  });

  it('names the version mark the way WXT storage does', () => {
    expect(metaKeyOf('projectColors')).toBe('projectColors$');
  });
});
