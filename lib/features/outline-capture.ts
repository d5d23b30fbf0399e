/**
 * Captures a page outline when a feature reports "not recognized", for options to offer as
 * "Copy a page outline for a bug report" (stored as lib/storage/page-outline.ts describes).
 */

import { pageOutline, type OutlineRegion } from '../platform/outline/outline';
import { redactHref } from '../platform/outline/redact';
import { sendToWorker } from '../messaging/page-messenger';
import { clockNow } from '../core/clock';

/** Where each feature looks for its anchor (feature ids of lib/features/registry.ts). */
const REGIONS: Record<string, readonly OutlineRegion[]> = {
  'project-emphasis': ['top'],
  'usage-zip-export': ['main', 'dialogs'],
  'logging-reminder': ['top', 'main', 'dialogs'],
};
const EVERYWHERE: readonly OutlineRegion[] = ['top', 'main', 'dialogs'];

/** Builds the outline of what the feature looked at, now, and has the worker keep it in place of the previous one. */
export async function capturePageOutline(featureId: string, document: Document, now = clockNow()): Promise<void> {
  const outline = pageOutline(document, { featureId, regions: REGIONS[featureId] ?? EVERYWHERE });
  const path = redactHref(document.location?.pathname ?? '/', 'https://platform.openai.com/');
  await sendToWorker('storePageOutline', { featureId, path, at: now, outline });
}
