/**
 * Where page outlines are kept: each feature has a storage key of its own that only content
 * scripts write, and each write replaces the whole value (no read-modify-write), so tabs never
 * lose each other's updates; the value is bounded by OUTLINE_LIMITS (outline.ts). Options only
 * reads it, and imports this module alone, not the page-reading code.
 */

import type { WxtStorageItem } from 'wxt/utils/storage';
import { defineVersionedItem } from '../../settings/versioned-item';

export interface StoredOutline {
  featureId: string;
  /** The page's path, with ids and names replaced by their shapes. */
  path: string;
  at: number;
  outline: string;
}

const FEATURE_ID = /^[a-z0-9-]{1,40}$/;
const items = new Map<string, WxtStorageItem<StoredOutline | null, Record<string, unknown>>>();

/** The storage item of one feature's outline (the same object for the same feature). */
export function pageOutlineItem(featureId: string): WxtStorageItem<StoredOutline | null, Record<string, unknown>> {
  if (!FEATURE_ID.test(featureId)) throw new RangeError(`Not a feature id: ${featureId}`);
  let item = items.get(featureId);
  if (!item) {
    item = defineVersionedItem<StoredOutline | null>(`local:pageOutline.${featureId}`, { fallback: null, version: 1, migrations: {} });
    items.set(featureId, item);
  }
  return item;
}
