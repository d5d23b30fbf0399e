/**
 * The extension's one "now", and how it judges a stored time against it.
 *
 * Every context (worker, content scripts, extension pages) reads the time here, so tests set
 * it in one place (Vitest's fake timers; in the browser, the E2E harness's clock). The
 * computer's clock can be wrong and then corrected, either way: a time stored while it was
 * ahead lies in the future once it is put right. Such a time is unknown, never a reason to
 * wait: "refreshed 6 hours from now" must not hold back the next refresh for 6 hours.
 */

/** Epoch milliseconds. */
export function clockNow(): number {
  return Date.now();
}

/** Milliseconds from `then` to `at`; null when `then` is unknown (never set, not a number, or after `at`). */
export function elapsedSince(then: number | null | undefined, at: number): number | null {
  if (typeof then !== 'number' || !Number.isFinite(then) || then > at) return null;
  return at - then;
}

/** Whether `then` is known and less than `gapMs` before `at`: "done recently, no need to do it again". */
export function isWithin(then: number | null | undefined, gapMs: number, at: number): boolean {
  const elapsed = elapsedSince(then, at);
  return elapsed !== null && elapsed < gapMs;
}

/**
 * Whether a wait that was set at `setAt` to last until `until` still holds at `at`. A wait
 * whose start is unknown, or that reaches further than `maxMs` past its start, does not:
 * it was set by a clock that was ahead, or stored by something that should not be trusted.
 */
export function isWaiting(wait: { setAt: number | null | undefined; until: number | null | undefined; maxMs: number }, at: number): boolean {
  const { setAt, until, maxMs } = wait;
  if (typeof until !== 'number' || !Number.isFinite(until)) return false;
  if (elapsedSince(setAt, at) === null) return false;
  return at < Math.min(until, (setAt as number) + maxMs);
}
