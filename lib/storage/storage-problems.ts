import { isString, oneOf, shape } from '../core/stored-shape';
import { defineVersionedItem } from './versioned-item';

/**
 * Writes the browser refuses for lack of room. storage.local holds 10 MB in Chrome and
 * storage.sync 100 KB (8 KB per item): a refused write is caught where it is made, noted
 * here, and the popup and options say what is full and how to clear it
 * (components/ui/StorageProblem.tsx). The note lives in storage.session, which has a quota
 * of its own, so it can be written when storage.local is full.
 */
export type StorageArea = 'local' | 'sync';

export interface StorageProblem {
  area: StorageArea;
  /** What could not be saved, in the user's words ("the usage figures"). */
  what: string;
}

export const storageProblem = defineVersionedItem<StorageProblem | null>('session:storageProblem', {
  fallback: null,
  version: 1,
  migrations: {},
  validate: shape({ area: oneOf('local', 'sync'), what: isString }),
});

/** Chrome: "QUOTA_BYTES quota exceeded", "QUOTA_BYTES_PER_ITEM quota exceeded", "MAX_ITEMS ..."; Firefox: "... quota ...". */
export function isQuotaError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /quota|QUOTA_BYTES|MAX_ITEMS|MAX_WRITE_OPERATIONS/i.test(message);
}

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(
    readonly area: StorageArea,
    readonly what: string,
  ) {
    super(`Not saved: ${what} (the browser's ${area === 'sync' ? 'synced' : 'local'} storage for this extension is full)`);
  }
}

/**
 * Runs a write; a refusal for quota is noted (and thrown as a StorageFullError, which says
 * so); a write that succeeds where the last one was refused clears the note.
 */
export async function guardWrite<T>(area: StorageArea, what: string, write: () => Promise<T>): Promise<T> {
  try {
    const result = await write();
    const noted = await storageProblem.getValue().catch(() => null);
    if (noted?.area === area) await storageProblem.setValue(null).catch(() => undefined);
    return result;
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await storageProblem.setValue({ area, what }).catch(() => undefined);
    throw new StorageFullError(area, what);
  }
}

/** For a write whose refusal the popup and options already say (StorageProblemNotice): other failures still throw. */
export function ignoreWhenFull(error: unknown): void {
  if (!(error instanceof StorageFullError)) throw error;
}

/** What the user reads: what is full, what was not saved, and how to make room. */
export function describeStorageProblem(problem: StorageProblem): string {
  return problem.area === 'sync'
    ? `Your synced settings are full: ${problem.what} could not be saved. Remove daily spend caps or project colours you no longer need, then try again.`
    : `The extension's storage on this device is full: ${problem.what} could not be saved. Clear what dashboard pages reported (below) to make room; your settings and admin key stay.`;
}
