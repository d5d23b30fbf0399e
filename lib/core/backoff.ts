export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Doubles with each further attempt. */
  baseMs: number;
  /** Upper bound of the exponential delay (default: none). */
  maxMs?: number;
  /** Returns [0, 1). */
  random: () => number;
}

/**
 * How long to wait after failed attempt `attempt` (1 for the first): exponential backoff
 * with "equal jitter", half fixed and half random, so retries of many clients spread out
 * without ever being near-immediate. The one backoff of the project: the ZIP pool's retries
 * and the Admin API transport's both wait this long.
 */
export function backoffDelay(attempt: number, { baseMs, maxMs = Number.POSITIVE_INFINITY, random }: BackoffOptions): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return exponential / 2 + (random() * exponential) / 2;
}
