import { afterEach, describe, expect, it, vi } from 'vitest';
import { runWithRetries, type RunProgress, type WorkerContext } from './run-with-retries';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise reaction run. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

const noSleep = (): Promise<void> => Promise.resolve();
const sleepSpy = () => vi.fn<(ms: number, signal: AbortSignal) => Promise<void>>(noSleep);

/** A worker whose calls are held until the test settles them. */
function controlledWorker<T>() {
  const calls: { item: T; context: WorkerContext; result: Deferred<string> }[] = [];
  const worker = (item: T, context: WorkerContext): Promise<string> => {
    const result = deferred<string>();
    calls.push({ item, context, result });
    return result.promise;
  };
  return { calls, worker };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runWithRetries', () => {
  it('returns results in input order, whatever order items finish in', async () => {
    const { calls, worker } = controlledWorker<number>();
    const run = runWithRetries([1, 2, 3], worker, { concurrency: 3 });
    await flush();
    calls[2]?.result.resolve('three');
    calls[0]?.result.resolve('one');
    calls[1]?.result.resolve('two');
    expect(await run).toEqual({
      cancelled: false,
      results: [
        { ok: true, value: 'one', attempts: 1 },
        { ok: true, value: 'two', attempts: 1 },
        { ok: true, value: 'three', attempts: 1 },
      ],
    });
  });

  it('never runs more than `concurrency` items at once, and keeps that many busy', async () => {
    let running = 0;
    let peak = 0;
    const worker = async (item: number): Promise<number> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, (item % 3) * 2));
      running -= 1;
      return item * 10;
    };
    const outcome = await runWithRetries(Array.from({ length: 20 }, (_, i) => i), worker, { concurrency: 4 });
    expect(peak).toBe(4);
    expect(outcome.results.map((result) => result?.ok && result.value)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
  });

  it('runs three at a time by default and starts the next as one settles', async () => {
    const { calls, worker } = controlledWorker<string>();
    const run = runWithRetries(['a', 'b', 'c', 'd', 'e'], worker);
    await flush();
    expect(calls.map((call) => call.item)).toEqual(['a', 'b', 'c']);
    calls[1]?.result.resolve('B');
    await flush();
    expect(calls.map((call) => call.item)).toEqual(['a', 'b', 'c', 'd']);
    for (const call of calls) call.result.resolve(call.item);
    await flush();
    calls[4]?.result.resolve('e');
    expect((await run).results).toHaveLength(5);
    expect(calls).toHaveLength(5);
  });

  it('retries a failing item with growing, jittered delays', async () => {
    const sleep = sleepSpy();
    let tries = 0;
    const worker = vi.fn(async (_: string, context: WorkerContext) => {
      tries += 1;
      if (context.attempt < 3) throw new Error(`boom ${context.attempt}`);
      return 'ok';
    });
    const outcome = await runWithRetries(['x'], worker, { backoffMs: 100, sleep, random: () => 0.5 });
    expect(outcome.results).toEqual([{ ok: true, value: 'ok', attempts: 3 }]);
    expect(tries).toBe(3);
    // Half fixed plus half × random: 100 → 75, 200 → 150.
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([75, 150]);
  });

  it('keeps the jitter within [half, whole] of the exponential delay and under the cap', async () => {
    const delays = async (random: () => number): Promise<number[]> => {
      const sleep = sleepSpy();
      await runWithRetries([1], () => Promise.reject(new Error('no')), {
        retries: 5,
        backoffMs: 1000,
        maxBackoffMs: 5000,
        sleep,
        random,
      });
      return sleep.mock.calls.map(([ms]) => ms);
    };
    expect(await delays(() => 0)).toEqual([500, 1000, 2000, 2500, 2500]);
    expect(await delays(() => 0.999)).toEqual([999.5, 1999, 3998, 4997.5, 4997.5]);
  });

  it('gives up after `retries` extra attempts and reports the last error', async () => {
    const worker = vi.fn(async (_: string, context: WorkerContext): Promise<string> => {
      throw new Error(`failure ${context.attempt}`);
    });
    const outcome = await runWithRetries(['x', 'y'], worker, { sleep: noSleep });
    expect(worker).toHaveBeenCalledTimes(6);
    expect(outcome.cancelled).toBe(false);
    expect(outcome.results[0]).toEqual({ ok: false, error: new Error('failure 3'), attempts: 3 });
    expect((await runWithRetries(['x'], worker, { retries: 0, sleep: noSleep })).results[0]?.attempts).toBe(1);
  });

  it('does not retry errors the caller calls permanent', async () => {
    const worker = vi.fn(() => Promise.reject(new Error('403 owners only')));
    const outcome = await runWithRetries(['x'], worker, {
      sleep: noSleep,
      isRetryable: (error) => !(error instanceof Error && error.message.startsWith('403')),
    });
    expect(worker).toHaveBeenCalledTimes(1);
    expect(outcome.results[0]).toMatchObject({ ok: false, attempts: 1 });
  });

  it('counts a worker that throws synchronously as a failure', async () => {
    const worker = (): Promise<string> => {
      throw new Error('sync');
    };
    const outcome = await runWithRetries(['x'], worker, { retries: 0 });
    expect(outcome.results[0]).toEqual({ ok: false, error: new Error('sync'), attempts: 1 });
  });

  it('reports progress as items start and settle', async () => {
    const seen: RunProgress[] = [];
    const worker = async (item: number): Promise<number> => {
      if (item === 2) throw new Error('bad');
      return item;
    };
    await runWithRetries([1, 2], worker, { concurrency: 1, retries: 1, sleep: noSleep, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { done: 0, total: 2, failed: 0, inFlight: 1 },
      { done: 1, total: 2, failed: 0, inFlight: 0 },
      { done: 1, total: 2, failed: 0, inFlight: 1 },
      { done: 2, total: 2, failed: 1, inFlight: 0 },
    ]);
  });

  it('finishes at once with nothing to do', async () => {
    const worker = vi.fn(() => Promise.resolve(1));
    expect(await runWithRetries([], worker)).toEqual({ cancelled: false, results: [] });
    expect(worker).not.toHaveBeenCalled();
  });

  it('resolves as cancelled on abort, keeps settled results and starts nothing new', async () => {
    const controller = new AbortController();
    const { calls, worker } = controlledWorker<string>();
    const run = runWithRetries(['a', 'b', 'c', 'd', 'e'], worker, { concurrency: 2, signal: controller.signal });
    await flush();
    calls[0]?.result.resolve('A');
    await flush();
    expect(calls.map((call) => call.item)).toEqual(['a', 'b', 'c']);

    controller.abort();
    // The in-flight items never settle, yet the run must end.
    const outcome = await run;
    expect(outcome).toEqual({
      cancelled: true,
      results: [{ ok: true, value: 'A', attempts: 1 }, undefined, undefined, undefined, undefined],
    });
    expect(calls[1]?.context.signal.aborted).toBe(true);

    calls[1]?.result.resolve('B');
    calls[2]?.result.reject(new Error('aborted'));
    await flush();
    expect(calls).toHaveLength(3);
    expect(outcome.results[1]).toBeUndefined();
  });

  it('stops reporting progress after a cancel', async () => {
    const controller = new AbortController();
    const onProgress = vi.fn();
    const { calls, worker } = controlledWorker<string>();
    const run = runWithRetries(['a', 'b'], worker, { signal: controller.signal, onProgress });
    await flush();
    controller.abort();
    await run;
    const reported = onProgress.mock.calls.length;
    for (const call of calls) call.result.resolve('late');
    await flush();
    expect(onProgress).toHaveBeenCalledTimes(reported);
  });

  it('does not retry after an abort during the backoff', async () => {
    const controller = new AbortController();
    const worker = vi.fn(() => Promise.reject(new Error('flaky')));
    const sleep = vi.fn(async () => {
      controller.abort();
    });
    const outcome = await runWithRetries(['x'], worker, { signal: controller.signal, sleep });
    expect(worker).toHaveBeenCalledTimes(1);
    expect(outcome).toEqual({ cancelled: true, results: [undefined] });
  });

  it('does not count a worker rejecting because of the abort as a failure', async () => {
    const controller = new AbortController();
    const onProgress = vi.fn();
    const worker = (_: string, { signal }: WorkerContext): Promise<string> =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const run = runWithRetries(['x'], worker, { signal: controller.signal, onProgress });
    await flush();
    controller.abort();
    expect(await run).toEqual({ cancelled: true, results: [undefined] });
    expect(onProgress).not.toHaveBeenCalledWith(expect.objectContaining({ failed: 1 }));
  });

  it('lets a late error after a cancel go unnoticed, e.g. a sleep that rejects on abort', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const controller = new AbortController();
      const sleep = (_ms: number, signal: AbortSignal): Promise<void> =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('sleep aborted'))));
      const run = runWithRetries(['x'], () => Promise.reject(new Error('flaky')), { signal: controller.signal, sleep });
      await flush();
      controller.abort();
      expect((await run).cancelled).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('rejects when an injected dependency throws', async () => {
    const sleep = (): Promise<void> => Promise.reject(new Error('broken sleep'));
    await expect(runWithRetries(['x'], () => Promise.reject(new Error('flaky')), { sleep })).rejects.toThrow('broken sleep');
  });

  it('starts nothing when already aborted', async () => {
    const worker = vi.fn(() => Promise.resolve(1));
    const outcome = await runWithRetries([1, 2], worker, { signal: AbortSignal.abort() });
    expect(outcome).toEqual({ cancelled: true, results: [undefined, undefined] });
    expect(worker).not.toHaveBeenCalled();
  });

  it('waits with real timers by default, and an abort cuts the wait short', async () => {
    vi.useFakeTimers();
    const worker = vi.fn(() => Promise.reject(new Error('flaky')));
    const run = runWithRetries(['x'], worker, { backoffMs: 1000, random: () => 0 });
    await vi.advanceTimersByTimeAsync(499);
    expect(worker).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(worker).toHaveBeenCalledTimes(2);

    const controller = new AbortController();
    const cancelled = runWithRetries(['y'], () => Promise.reject(new Error('flaky')), {
      backoffMs: 60_000,
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect((await cancelled).cancelled).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    await vi.runAllTimersAsync();
    expect((await run).results[0]).toMatchObject({ ok: false, attempts: 3 });
  });

  it.each([
    [{ concurrency: 0 }],
    [{ concurrency: 1.5 }],
    [{ retries: -1 }],
    [{ backoffMs: Number.NaN }],
    [{ maxBackoffMs: -1 }],
  ])('rejects the option %j', async (options) => {
    await expect(runWithRetries([1], () => Promise.resolve(1), options)).rejects.toThrow(RangeError);
  });
});
