import type { Feature, FeatureSettings } from '../feature';
import { PageResources } from '../page-resources';

const defaultSettings: FeatureSettings = { disabledFeatures: [], projectColors: {} };

/**
 * Applies features to `document` the way the runner does (one set of page resources,
 * each apply held until its controller aborts), for tests of one feature at a time.
 */
export function featurePage(document: Document = globalThis.document) {
  const resources = new PageResources(document, (owner, error) => {
    throw new Error(`releasing a resource of ${owner} failed`, { cause: error });
  });
  const running: AbortController[] = [];
  return {
    apply<Anchor>(feature: Feature<Anchor>, anchor: Anchor, settings: Partial<FeatureSettings> = {}): AbortController {
      const controller = new AbortController();
      running.push(controller);
      feature.apply(anchor, {
        signal: controller.signal,
        document,
        settings: { ...defaultSettings, ...settings },
        use: (resource) => resources.use(resource, controller.signal, feature.id),
      });
      return controller;
    },
    /** Aborts every apply still running and lets the resources go. */
    async close(): Promise<void> {
      running.splice(0).forEach((controller) => controller.abort());
      await Promise.resolve();
    },
  };
}
