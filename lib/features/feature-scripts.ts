import { dirname, relative } from 'node:path';
import { FEATURES, featureScriptName, type CatalogEntry } from './catalog';

/**
 * The build side of the catalog (catalog.ts), read by wxt.config.ts: each lazy feature gets
 * an unlisted script, feature-<id>.js, that provides its page code to the content script.
 * The script's source is generated, so adding a feature needs no file under entrypoints/.
 */
export interface FeatureScript {
  /** The entrypoint's name, and its output file without .js. */
  name: string;
  /** Where the generated source is written, under WXT's own folder. */
  inputPath: string;
  source: string;
}

export function featureScripts(root: string, wxtDir: string, catalog: readonly CatalogEntry[] = FEATURES): FeatureScript[] {
  return catalog
    .filter((entry) => entry.loading === 'lazy')
    .map((entry) => {
      const inputPath = `${wxtDir}/feature-scripts/${featureScriptName(entry.id)}.ts`;
      // Relative, so that no path of the building machine reaches the build (the sources package rebuilds it byte for byte).
      const from = (file: string) => JSON.stringify(relative(dirname(inputPath), `${root}/${file}`));
      return {
        name: featureScriptName(entry.id),
        inputPath,
        source: [
          "import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';",
          `import { featureOf, provideFeature } from ${from('lib/features/lazy')};`,
          `import * as code from ${from(`lib/features/${entry.id}/feature`)};`,
          '',
          `export default defineUnlistedScript(() => provideFeature(featureOf(code, ${JSON.stringify(entry.id)})));`,
          '',
        ].join('\n'),
      };
    });
}
