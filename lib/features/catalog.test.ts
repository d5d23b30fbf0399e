import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { FEATURES, lazyFeatureScripts, type CatalogEntry } from './catalog';
import { featureScripts } from './feature-scripts';
import { featureCatalog } from './metas';
import { features } from './registry';
import { isLazyFeature } from './feature';

const ROOT = join(__dirname, '../..');
const folders = readdirSync(__dirname, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(__dirname, entry.name, 'meta.ts')))
  .map((entry) => entry.name);

/** The manifest's web-accessible scripts, as wxt.config.ts declares them. */
async function webAccessible(): Promise<string[]> {
  const manifest = config.manifest as (env: { browser: string }) => Promise<{ web_accessible_resources: { resources: string[] }[] }>;
  return (await manifest({ browser: 'chrome' })).web_accessible_resources.flatMap((entry) => entry.resources);
}

describe('a page feature is declared once: its folder and its catalog line', () => {
  it('has a line for every feature folder, and a folder with meta.ts and feature.ts for every line', () => {
    expect(FEATURES.map((entry) => entry.id).sort()).toEqual([...folders].sort());
    for (const entry of FEATURES) expect(existsSync(join(__dirname, entry.id, 'feature.ts'))).toBe(true);
  });

  it('gives options the metadata and the page the features in the catalog’s order', () => {
    expect(featureCatalog.map((meta) => meta.id)).toEqual(FEATURES.map((entry) => entry.id));
    expect(features.map((feature) => feature.id)).toEqual(FEATURES.map((entry) => entry.id));
    FEATURES.forEach((entry, index) => expect(isLazyFeature(features[index]!)).toBe(entry.loading === 'lazy'));
  });

  it('builds a script for every lazy feature and makes it web-accessible, from the catalog alone', async () => {
    const built = featureScripts(ROOT, `${ROOT}/.wxt`);
    expect(built.map((script) => `${script.name}.js`)).toEqual(lazyFeatureScripts());
    expect(await webAccessible()).toEqual(expect.arrayContaining(lazyFeatureScripts()));
    expect(lazyFeatureScripts().length).toBe(FEATURES.filter((entry) => entry.loading === 'lazy').length);
  });

  it('takes a new lazy feature from its catalog line: script, source and web-accessible name follow', () => {
    const added: readonly CatalogEntry[] = [...FEATURES, { id: 'new-thing', loading: 'lazy' }];
    expect(lazyFeatureScripts(added)).toContain('feature-new-thing.js');
    const script = featureScripts('/repo', '/repo/.wxt', added).find((candidate) => candidate.name === 'feature-new-thing');
    expect(script?.inputPath).toBe('/repo/.wxt/feature-scripts/feature-new-thing.ts');
    expect(script?.source).toContain('import * as code from "../../lib/features/new-thing/feature";');
    expect(script?.source).toContain('featureOf(code, "new-thing")');
  });

  it('names no feature anywhere else in the wiring: no entrypoint, registry line or build setting of its own', () => {
    expect(readdirSync(join(ROOT, 'entrypoints')).filter((name) => name.startsWith('feature-'))).toEqual([]);
    const wiring = ['lib/features/registry.ts', 'wxt.config.ts', 'lib/features/metas.ts', 'lib/features/feature-scripts.ts'].map((file) =>
      readFileSync(join(ROOT, file), 'utf8'),
    );
    for (const entry of FEATURES.filter((candidate) => candidate.loading === 'lazy')) {
      for (const text of wiring) expect(text).not.toContain(entry.id);
    }
  });
});
