/** Why an Admin API call failed, in the terms the user can act on. */
export type AdminApiErrorKind =
  | 'invalid-key'
  | 'forbidden'
  | 'rate-limited'
  | 'server'
  | 'offline'
  | 'redirected'
  | 'timeout'
  | 'malformed'
  | 'http';

interface FailureBase {
  /** HTTP status, or null when no response arrived (offline, timeout) or it could not be read. */
  status: number | null;
  /** `error.message` from the API's error body, when it sent one. */
  apiMessage: string | null;
  /** What happened and what to do, ready to show. */
  userMessage: string;
}

/**
 * The failure as plain data: class instances do not survive extension messaging, so the
 * worker sends this to the popup instead of the error itself.
 */
export type AdminApiFailure =
  | (FailureBase & { kind: 'rate-limited'; retryAfterSeconds: number | null })
  | (FailureBase & { kind: Exclude<AdminApiErrorKind, 'rate-limited'> });

const USER_MESSAGES: Record<AdminApiErrorKind, string> = {
  'invalid-key':
    'OpenAI rejected the admin key (401). Check that it was pasted whole and has not been deleted; create a new one under Organization settings → Admin keys.',
  forbidden:
    'The admin key is valid but may not read this (403). Only organization owners can use admin keys; check the key\'s permissions under Organization settings → Admin keys.',
  'rate-limited':
    'OpenAI is rate-limiting requests (429). The extension waits as OpenAI asks (an hour at most), then tries again by itself.',
  server: 'OpenAI\'s API had a server error. This is usually temporary; try again in a few minutes.',
  // A redirect ends here too: with `redirect: 'error'` the browser reports it as a failed fetch.
  offline:
    'Could not reach api.openai.com, or it answered with a redirect, which is never followed (the admin key goes to api.openai.com only). Check the internet connection, VPN, proxy or firewall, then try again.',
  redirected:
    'The answer did not come from api.openai.com (it was redirected elsewhere), so it was refused and not used. A proxy, VPN, captive portal or security software may be redirecting requests; try another network.',
  timeout: 'api.openai.com took too long to answer. Try again in a moment.',
  malformed:
    'OpenAI\'s API answered in an unexpected format, so the numbers were not used. The extension may need an update.',
  http: 'OpenAI\'s API refused the request. Try again later; if it persists, the extension may need an update.',
};

/**
 * The longest wait a `Retry-After` can impose. Longer values are read as this: an hour
 * without figures is noticeable, a year without spike alerts is a silent failure.
 */
export const MAX_RETRY_AFTER_SECONDS = 3600;

export interface AdminApiErrorInit {
  status?: number | null;
  apiMessage?: string | null;
  retryAfterSeconds?: number | null;
  /** Technical detail for logs (never shown as the user message). */
  detail?: string;
  cause?: unknown;
}

export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  readonly kind: AdminApiErrorKind;
  readonly status: number | null;
  readonly apiMessage: string | null;
  /** Only set for `rate-limited`, and only when the API sent a usable `Retry-After`. */
  readonly retryAfterSeconds: number | null;
  readonly userMessage: string;

  constructor(kind: AdminApiErrorKind, init: AdminApiErrorInit = {}) {
    const status = init.status ?? null;
    const apiMessage = init.apiMessage ?? null;
    const technical = [kind, status === null ? null : `HTTP ${status}`, apiMessage, init.detail]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(': ');
    super(technical, { cause: init.cause });
    this.kind = kind;
    this.status = status;
    this.apiMessage = apiMessage;
    this.retryAfterSeconds = kind === 'rate-limited' ? clampRetryAfter(init.retryAfterSeconds ?? null) : null;
    this.userMessage = USER_MESSAGES[kind];
  }

  toFailure(): AdminApiFailure {
    const base = { status: this.status, apiMessage: this.apiMessage, userMessage: this.userMessage };
    return this.kind === 'rate-limited'
      ? { ...base, kind: 'rate-limited', retryAfterSeconds: this.retryAfterSeconds }
      : { ...base, kind: this.kind };
  }
}

function clampRetryAfter(seconds: number | null): number | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  return Math.min(Math.max(0, Math.ceil(seconds)), MAX_RETRY_AFTER_SECONDS);
}

export function kindForStatus(status: number): AdminApiErrorKind {
  if (status === 401) return 'invalid-key';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status >= 500 && status <= 599) return 'server';
  return 'http';
}
