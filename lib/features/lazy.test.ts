import { describe, expect, it, vi } from 'vitest';
import { defineFeature } from './feature';
import { featureOf, lazyFeature, provideFeature } from './lazy';

const scope = (id: string) => ({ id, appliesTo: () => true });

describe('lazyFeature', () => {
  it('imports the feature’s script, which provides the feature', async () => {
    const feature = defineFeature({ ...scope('from-script'), detect: () => null, apply: () => undefined });
    const importScript = vi.fn(async () => provideFeature(feature));
    const lazy = lazyFeature(scope('from-script'), importScript);
    expect(lazy.id).toBe('from-script');
    await expect(lazy.load()).resolves.toBe(feature);
    await expect(lazy.load()).resolves.toBe(feature);
    expect(importScript).toHaveBeenCalledTimes(1);
  });

  it('says what went wrong when the script does not load or provides nothing', async () => {
    await expect(lazyFeature(scope('missing'), () => Promise.reject(new TypeError('Failed to fetch'))).load()).rejects.toThrow(
      'its code did not load: Failed to fetch',
    );
    await expect(lazyFeature(scope('empty'), async () => undefined).load()).rejects.toThrow(/provided no feature/);
  });
});

describe('featureOf', () => {
  it('picks the feature of that id among a feature module’s exports, and says when there is none', () => {
    const feature = defineFeature({ ...scope('picked'), detect: () => null, apply: () => undefined });
    expect(featureOf({ ACCENT: 'x', feature, other: scope('other') }, 'picked')).toBe(feature);
    expect(() => featureOf({ feature }, 'missing')).toThrow('lib/features/missing/feature.ts exports no feature of the id missing.');
  });
});
