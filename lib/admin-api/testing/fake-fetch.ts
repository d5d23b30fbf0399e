import type { FetchLike, ResponseLike } from '../transport';

/** What the fake server does for one request. */
export type FakeReply =
  | AnswerReply
  | { networkError: true }
  /** Never answers; rejects like a real fetch once the request is aborted. */
  | { hang: true };

/** An HTTP answer; `url` and `redirected` say where it came from, as fetch reports them. */
interface AnswerReply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  url?: string;
  redirected?: boolean;
}

export interface RecordedRequest {
  url: URL;
  headers: Record<string, string>;
  /** The redirect mode the request was sent with. */
  redirect: string;
}

/**
 * A fetch stand-in that answers from a list (one reply per request, in order) or a
 * function of the URL, and records every request. Running out of replies is a test bug,
 * so it throws loudly rather than looking like a network failure.
 */
export function fakeFetch(replies: FakeReply[] | ((url: URL) => FakeReply)): {
  fetch: FetchLike;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const queue = Array.isArray(replies) ? [...replies] : null;
  const fetch: FetchLike = (url, init) => {
    const parsed = new URL(url);
    requests.push({ url: parsed, headers: { ...init.headers }, redirect: init.redirect });
    const reply = queue ? queue.shift() : (replies as (url: URL) => FakeReply)(parsed);
    if (reply === undefined) throw new Error(`fakeFetch: no reply left for ${url}`);
    if ('networkError' in reply) return Promise.reject(new TypeError('Failed to fetch'));
    if ('hang' in reply) {
      return new Promise((_, reject) => {
        init.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }
    return Promise.resolve(response(reply, url));
  };
  return { fetch, requests };
}

function response(reply: AnswerReply, requestUrl: string): ResponseLike {
  const headers = new Map(Object.entries(reply.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const body = reply.text ?? JSON.stringify(reply.json ?? {});
  return {
    status: reply.status ?? 200,
    url: reply.url ?? requestUrl,
    redirected: reply.redirected ?? false,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    text: () => Promise.resolve(body),
  };
}
