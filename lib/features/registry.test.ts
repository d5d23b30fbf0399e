import { describe, expect, it } from 'vitest';
import { featureCatalog } from './metas';
import { features } from './registry';

describe('feature registry', () => {
  it('runs exactly the features options lists, in the same order, where their metadata says', () => {
    expect(features.map((feature) => feature.id)).toEqual(featureCatalog.map((meta) => meta.id));
    features.forEach((feature, index) => expect(feature.appliesTo).toBe(featureCatalog[index]?.appliesTo));
  });
});
