/**
 * Runs tasks one after another, in the order they were queued: the worker's writes of a
 * shared record (read, change, write) never interleave, so no report is lost to another
 * that read the same old value. A failed task fails its own caller only.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** The worker's one queue for the records several surfaces report to (lib/storage/records.ts, lib/storage/api-records.ts). */
export const recordWrites = createSerialQueue();
