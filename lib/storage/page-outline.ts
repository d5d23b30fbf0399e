/**
 * Where page outlines are kept: each feature has a storage key of its own, written by the
 * worker for the content script that captured it (pages may not open storage.local, see
 * lib/storage/storage-access.ts); each write replaces the whole value (no
 * read-modify-write), so tabs never lose each other's updates, and the value is bounded by
 * OUTLINE_LIMITS (lib/platform/outline/outline.ts, checked in lib/messaging/payload-checks.ts). Options only
 * reads it, and imports this module alone, not the page-reading code.
 */

import { isNumber, isString, shape } from '../core/stored-shape';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { defineVersionedItem } from './versioned-item';

export interface StoredOutline {
  featureId: string;
  /** The page's path, with ids and names replaced by their shapes. */
  path: string;
  at: number;
  outline: string;
}

const FEATURE_ID = /^[a-z0-9-]{1,40}$/;

export function isFeatureId(value: string): boolean {
  return FEATURE_ID.test(value);
}
const items = new Map<string, WxtStorageItem<StoredOutline | null, Record<string, unknown>>>();

/** The storage item of one feature's outline (the same object for the same feature). */
export function pageOutlineItem(featureId: string): WxtStorageItem<StoredOutline | null, Record<string, unknown>> {
  if (!isFeatureId(featureId)) throw new RangeError(`Not a feature id: ${featureId}`);
  let item = items.get(featureId);
  if (!item) {
    item = defineVersionedItem<StoredOutline | null>(`local:pageOutline.${featureId}`, {
      fallback: null,
      version: 1,
      migrations: {},
      validate: shape({ featureId: isString, path: isString, at: isNumber, outline: isString }),
    });
    items.set(featureId, item);
  }
  return item;
}
