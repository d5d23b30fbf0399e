import { AdminApiError } from './errors';
import { ShapeError } from './shape';
import {
  buildUrl,
  DEFAULT_BACKOFF_BASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_RETRY_AFTER_SECONDS,
  DEFAULT_TIMEOUT_MS,
  getJson,
  type FetchLike,
  type QueryValue,
  type TransportOptions,
} from './transport';
import { clockNow } from '../core/clock';

export interface AdminClientOptions {
  apiKey: string;
  fetch: FetchLike;
  /** Epoch milliseconds (default: the extension's clock). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
  maxAttempts?: number;
}

/**
 * One GET against the Admin API, parsed: what createAdminClient and the endpoint modules
 * (audit-logs.ts, project-api-keys.ts, admin-keys.ts, spend-limits.ts) are built on, with
 * the transport's retries and Retry-After handling; a response of the wrong shape is an
 * AdminApiError of kind `malformed` naming the path that was wrong.
 */
export type AdminGet = <T>(path: string, query: Readonly<Record<string, QueryValue>>, parse: (json: unknown) => T) => Promise<T>;

export function createAdminGet(options: AdminClientOptions): AdminGet {
  // Trims what a paste adds; rejects what fetch would refuse as a header value (it would
  // throw a TypeError that looks like being offline) before anything is sent.
  const key = options.apiKey.trim();
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new AdminApiError('invalid-key', { detail: 'the key is empty or contains spaces or non-ASCII characters' });
  }
  const transport: TransportOptions = {
    apiKey: key,
    fetch: options.fetch,
    now: options.now ?? clockNow,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    maxRetryAfterSeconds: DEFAULT_MAX_RETRY_AFTER_SECONDS,
    backoffBaseMs: DEFAULT_BACKOFF_BASE_MS,
  };
  return async (path, query, parse) => {
    const json = await getJson(transport, buildUrl(path, query));
    try {
      return parse(json);
    } catch (error) {
      if (error instanceof ShapeError) {
        throw new AdminApiError('malformed', { detail: `${path}: ${error.message}`, cause: error });
      }
      throw error;
    }
  };
}
