import type { ProjectSighting } from './messages';
import { sendToWorker } from './page-messenger';
import { LIMITS } from './payload-checks';
import type { HealthMap } from '../storage/records';

/**
 * What the platform content script reports to the worker, which writes the shared records
 * (lib/background/record-writer.ts). Reports are best-effort: one that does not arrive is logged, and the
 * page is decorated all the same.
 */

function quietly(what: string, sending: Promise<unknown>): Promise<void> {
  return sending.then(
    () => undefined,
    (error: unknown) => console.warn(`[refined-openai-platform] ${what} not recorded:`, error),
  );
}

/** Feature id → how it fared on this page. Error texts are cut to what the worker accepts. */
export function reportFeatureHealth(batch: HealthMap): Promise<void> {
  const bounded = Object.fromEntries(
    Object.entries(batch).map(([id, record]) => [
      id,
      {
        ...record,
        path: record.path.slice(0, LIMITS.pathChars),
        ...(record.error === undefined ? {} : { error: record.error.slice(0, LIMITS.errorChars) }),
      },
    ]),
  );
  return quietly('feature health', sendToWorker('reportFeatureHealth', bounded));
}

export function rememberProject(sighting: ProjectSighting): Promise<void> {
  return quietly('project', sendToWorker('rememberProject', sighting));
}
