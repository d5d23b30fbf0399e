import { AdminApiError, kindForStatus, MAX_RETRY_AFTER_SECONDS } from './errors';

import { backoffDelay } from '../core/backoff';
import { describeError } from '../core/describe-error';

/** The only origin the admin key is ever sent to; deliberately not configurable. */
export const ADMIN_API_ORIGIN = 'https://api.openai.com';
export const ADMIN_API_BASE_URL = `${ADMIN_API_ORIGIN}/v1`;

/** The subset of `fetch` the client uses, so tests can pass a small fake. */
export type FetchLike = (
  url: string,
  init: {
    method: 'GET';
    headers: Record<string, string>;
    signal: AbortSignal;
    /**
     * A redirect would carry the Authorization header to wherever it points, and its
     * answer would pass for the API's: fetch fails instead of following it.
     */
    redirect: 'error';
  },
) => Promise<ResponseLike>;

export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** Where the answer came from, as fetch reports it (empty or absent for some fakes). */
  readonly url?: string;
  readonly redirected?: boolean;
  text(): Promise<string>;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface TransportOptions {
  apiKey: string;
  fetch: FetchLike;
  /** Epoch milliseconds; used to read a `Retry-After` given as an HTTP date. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1), for backoff jitter. */
  random: () => number;
  timeoutMs: number;
  maxAttempts: number;
  /** A longer `Retry-After` is not waited out here: the caller gets `rate-limited` and reschedules. */
  maxRetryAfterSeconds: number;
  backoffBaseMs: number;
}

/**
 * MV3 lets a worker's fetch run for 30 s at most; 20 s leaves room to read the body and
 * report a clean `timeout` instead of the worker being stopped mid-request.
 */
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_MAX_RETRY_AFTER_SECONDS = 20;
export const DEFAULT_BACKOFF_BASE_MS = 500;

export function buildUrl(path: string, query: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // The API reads arrays as repeated keys (`group_by=a&group_by=b`), not `key[]=` or commas.
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const search = params.toString();
  return `${ADMIN_API_BASE_URL}${path}${search === '' ? '' : `?${search}`}`;
}

/** GET a JSON document, retrying what is worth retrying; throws AdminApiError. */
export async function getJson(options: TransportOptions, url: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptGet(options, url);
    } catch (error) {
      const wait = retryDelayMs(options, error, attempt);
      if (wait === null) throw error;
      await options.sleep(wait);
    }
  }
}

/** How long to wait before the next attempt, or null to give up. */
function retryDelayMs(options: TransportOptions, error: unknown, attempt: number): number | null {
  if (!(error instanceof AdminApiError) || attempt >= options.maxAttempts) return null;
  switch (error.kind) {
    case 'rate-limited':
      if (error.retryAfterSeconds === null) return backoffMs(options, attempt);
      return error.retryAfterSeconds <= options.maxRetryAfterSeconds ? error.retryAfterSeconds * 1000 : null;
    case 'server':
    case 'offline':
      return backoffMs(options, attempt);
    // A timeout has already used most of the worker's time budget; retrying it would
    // outlive the event that started the refresh. Auth and shape errors will not change.
    default:
      return null;
  }
}

/** The project's one backoff (lib/core/backoff.ts), in whole milliseconds. */
function backoffMs(options: TransportOptions, attempt: number): number {
  return Math.round(backoffDelay(attempt, { baseMs: options.backoffBaseMs, random: options.random }));
}

async function attemptGet(options: TransportOptions, url: string): Promise<unknown> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  // Called as a plain function: `options.fetch(...)` would bind `this` to the options
  // object, which the browser's fetch rejects with "Illegal invocation".
  const fetchFn = options.fetch;
  try {
    let response: ResponseLike;
    let body: string;
    try {
      response = await fetchFn(url, {
        method: 'GET',
        headers: { Authorization: `Bearer ${options.apiKey}`, Accept: 'application/json' },
        signal: controller.signal,
        redirect: 'error',
      });
      // Checked before the body is read: an answer from elsewhere is never used.
      refuseForeignAnswer(response);
      body = await response.text();
    } catch (error) {
      if (error instanceof AdminApiError) throw error;
      if (timedOut) {
        throw new AdminApiError('timeout', { detail: `no answer within ${options.timeoutMs} ms`, cause: error });
      }
      // fetch rejects (TypeError) only when no HTTP response could be had at all.
      throw new AdminApiError('offline', { detail: describeError(error), cause: error });
    }
    if (response.status >= 200 && response.status <= 299) return parseJson(body);
    throw errorForResponse(options, response, body);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `redirect: 'error'` already stops redirects in browsers; this also catches a fetch that
 * followed one anyway (an older engine, a wrapper) or answered for another origin.
 */
function refuseForeignAnswer(response: ResponseLike): void {
  const url = response.url ?? '';
  const origin = url === '' ? ADMIN_API_ORIGIN : originOf(url);
  if (response.redirected === true || origin !== ADMIN_API_ORIGIN) {
    throw new AdminApiError('redirected', { detail: `the answer came from ${origin ?? 'an unreadable address'}` });
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new AdminApiError('malformed', { detail: 'response body is not JSON', cause: error });
  }
}

function errorForResponse(options: TransportOptions, response: ResponseLike, body: string): AdminApiError {
  const kind = kindForStatus(response.status);
  return new AdminApiError(kind, {
    status: response.status,
    apiMessage: apiErrorMessage(body, options.apiKey),
    retryAfterSeconds:
      // A date is measured against the API's own clock (its Date header), not this computer's,
      // which may be hours off; without a Date header, the computer's is all there is.
      kind === 'rate-limited'
        ? parseRetryAfter(response.headers.get('Retry-After'), parseHttpDate(response.headers.get('Date')) ?? options.now())
        : null,
  });
}

/** `error.message` from `{"error":{"message":…}}`, with any copy of the key removed. */
function apiErrorMessage(body: string, apiKey: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const error = (json as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const message = (error as { message?: unknown }).message;
  if (typeof message !== 'string' || message === '') return null;
  return apiKey === '' ? message : message.split(apiKey).join('[redacted]');
}

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Whole seconds per the API; an HTTP date is accepted too since RFC 9110 allows it, counted
 * from `serverNowMs`, the answer's own `Date`. At
 * most MAX_RETRY_AFTER_SECONDS: a year-long value (a proxy's mistake or a hostile answer)
 * would otherwise stop every refresh and spike alert until then.
 */
export function parseRetryAfter(header: string | null, serverNowMs: number): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  // Only the IMF-fixdate form: Date.parse alone accepts junk such as "1.5" as a date.
  else if (IMF_FIXDATE.test(trimmed)) seconds = Math.max(0, Math.ceil((Date.parse(trimmed) - serverNowMs) / 1000));
  else return null;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/** Epoch milliseconds from an HTTP `Date` header (IMF-fixdate), or null. */
export function parseHttpDate(header: string | null): number | null {
  const trimmed = header?.trim() ?? '';
  return IMF_FIXDATE.test(trimmed) ? Date.parse(trimmed) : null;
}

export interface ServerClock {
  /** The same fetch, noting the `Date` header of every answer. */
  fetch: FetchLike;
  /**
   * The API's idea of now (epoch milliseconds): the last `Date` header plus the time
   * elapsed on this machine since it arrived; null before any answer carried one. A
   * computer whose clock is hours off still asks for, and judges, the right hours.
   */
  serverNow(): number | null;
}

export function withServerClock(fetch: FetchLike, now: () => number): ServerClock {
  let last: { server: number; local: number } | null = null;
  return {
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      const server = parseHttpDate(response.headers.get('Date'));
      if (server !== null) last = { server, local: now() };
      return response;
    },
    serverNow: () => (last === null ? null : last.server + (now() - last.local)),
  };
}
