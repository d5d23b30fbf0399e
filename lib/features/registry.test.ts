import { describe, expect, it } from 'vitest';
import { featureCatalog } from './catalog';
import { features } from './registry';

describe('feature registry', () => {
  it('runs exactly the features options lists, in the same order, with the same metadata', () => {
    expect(features.map((feature) => feature.id)).toEqual(featureCatalog.map((meta) => meta.id));
    features.forEach((feature, index) => {
      const meta = featureCatalog[index]!;
      expect([feature.name, feature.description]).toEqual([meta.name, meta.description]);
      expect(feature.appliesTo).toBe(meta.appliesTo);
    });
  });
});
