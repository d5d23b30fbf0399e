import { backoffDelay } from '../core/backoff';

export type ItemResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number };

/**
 * `cancelled` runs keep the results of items that settled before the abort; the others are
 * undefined (never started, or abandoned while in flight).
 */
export type RunOutcome<T> =
  | { cancelled: false; results: ItemResult<T>[] }
  | { cancelled: true; results: (ItemResult<T> | undefined)[] };

export interface RunProgress {
  /** Items settled, successfully or not. */
  done: number;
  total: number;
  /** Items that failed for good (after their retries). */
  failed: number;
  /** Items started and not yet settled, including those waiting to retry. */
  inFlight: number;
}

export interface WorkerContext {
  index: number;
  /** 1 for the first try. */
  attempt: number;
  /** Aborts on Cancel; the worker should stop what it is doing. */
  signal: AbortSignal;
}

export interface RunOptions {
  /** Items worked on at once (default 3): the dashboard is a page a user is looking at, not a batch API. */
  concurrency?: number;
  /** Extra attempts after the first failure (default 2). */
  retries?: number;
  /** Delay before the first retry (default 1000 ms); doubles each retry, with jitter (see backoffDelay). */
  backoffMs?: number;
  /** Upper bound of any one delay (default 30 s). */
  maxBackoffMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Errors for which trying again is pointless (say, "owners only") should return false. */
  isRetryable?: (error: unknown) => boolean;
  /** Should settle early when `signal` aborts. Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Returns [0, 1). Injectable for tests. */
  random?: () => number;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const finish = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
  });
}

function requireInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

function requireDuration(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  return value;
}

/**
 * Runs `worker` on every item, at most `concurrency` at a time, retrying failures with
 * exponential backoff. Results come back in input order. On abort the returned promise
 * resolves at once with `cancelled: true`: nothing new starts (no item, no retry), and
 * in-flight workers are left to honour their signal, their outcome discarded.
 */
export async function runWithRetries<I, O>(
  items: readonly I[],
  worker: (item: I, context: WorkerContext) => Promise<O>,
  options: RunOptions = {},
): Promise<RunOutcome<O>> {
  const concurrency = requireInteger('concurrency', options.concurrency ?? 3, 1);
  const retries = requireInteger('retries', options.retries ?? 2, 0);
  const backoffMs = requireDuration('backoffMs', options.backoffMs ?? 1000);
  const maxBackoffMs = requireDuration('maxBackoffMs', options.maxBackoffMs ?? 30_000);
  const { onProgress, isRetryable = () => true, sleep = abortableSleep, random = Math.random } = options;
  const signal = options.signal ?? new AbortController().signal;

  const results: (ItemResult<O> | undefined)[] = items.map(() => undefined);
  if (signal.aborted) return { cancelled: true, results };

  const progress: RunProgress = { done: 0, total: items.length, failed: 0, inFlight: 0 };
  let stopped = false;
  const report = (): void => onProgress?.({ ...progress });

  const attemptUntilSettled = async (item: I, index: number): Promise<ItemResult<O> | undefined> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { ok: true, value: await worker(item, { index, attempt, signal }), attempts: attempt };
      } catch (error) {
        if (attempt > retries || !isRetryable(error)) return { ok: false, error, attempts: attempt };
      }
      await sleep(backoffDelay(attempt, { baseMs: backoffMs, maxMs: maxBackoffMs, random }), signal);
      if (signal.aborted) return undefined;
    }
  };

  // Lanes share one iterator, so each item is taken exactly once.
  const queue = items.entries();
  const lane = async (): Promise<void> => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      const [index, item] = next.value;
      progress.inFlight += 1;
      report();
      const result = await attemptUntilSettled(item, index);
      // Cancelled meanwhile: the run has returned, so a late result (or a worker's failure
      // caused by the abort) is not recorded, and nothing new starts.
      if (stopped || result === undefined) return;
      progress.inFlight -= 1;
      progress.done += 1;
      if (!result.ok) progress.failed += 1;
      results[index] = result;
      report();
    }
  };

  let onAbort = (): void => undefined;
  const aborted = new Promise<'cancelled'>((resolve) => {
    onAbort = () => {
      stopped = true;
      resolve('cancelled');
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const lanes = Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  try {
    // Promise.race keeps listening to the lanes after a cancel, so their late errors are handled, not unhandled.
    const how = await Promise.race([lanes.then(() => 'finished' as const), aborted]);
    const settled = results.filter((result): result is ItemResult<O> => result !== undefined);
    if (how === 'finished' && settled.length === results.length) return { cancelled: false, results: settled };
    return { cancelled: true, results: [...results] };
  } finally {
    stopped = true;
    signal.removeEventListener('abort', onAbort);
  }
}
