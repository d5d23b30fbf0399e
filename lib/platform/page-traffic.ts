/**
 * Watches the dashboard's own requests from the page's world, passively: the headers it
 * sends (which project and organization it works for) and the few responses that can carry
 * the organization's settings. It makes no request, and the page receives exactly what it
 * would without it: the same promise, the same Response, an unread body. A response is read
 * from a clone, only when its URL can carry settings, and only up to a bounded size.
 */

import { canCarryOrganizationSettings, isDashboardApiRequest, LOGGING_SETTING_KEY, MAX_SETTINGS_RESPONSE_BYTES } from './dashboard-requests';
import { idsFromHeaders, type RequestIds } from './request-ids';

export interface TrafficSinks {
  /** The parsed JSON of a settings-carrying response that mentions the logging setting. */
  settingsResponse(json: unknown): void;
  /** Ids a dashboard request carried in its headers (at least one of them set). */
  requestIds(ids: RequestIds): void;
}

/** The parts of the page's window the observer replaces or reads. */
export interface PageWindow {
  fetch: typeof fetch;
  location: { href: string };
  XMLHttpRequest?: typeof XMLHttpRequest;
}

function resolve(url: string, base: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

function isJson(contentType: string | null): boolean {
  return /\bjson\b/i.test(contentType ?? '');
}

/** The body as text, or null once it exceeds `limit` bytes (the rest is not read). */
async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<string | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(joined);
}

function declaredTooLarge(contentLength: string | null): boolean {
  return contentLength !== null && Number(contentLength) > MAX_SETTINGS_RESPONSE_BYTES;
}

export function observeDashboardTraffic(page: PageWindow, sinks: TrafficSinks): void {
  const deliverText = (body: string | null) => {
    if (body === null || !body.includes(LOGGING_SETTING_KEY)) return;
    sinks.settingsResponse(JSON.parse(body));
  };

  const noteIds = (url: URL | null, get: (name: string) => string | null) => {
    if (!url || !isDashboardApiRequest(url)) return;
    const ids = idsFromHeaders(get);
    if (ids.project || ids.organization) sinks.requestIds(ids);
  };

  // ---- fetch
  const originalFetch = page.fetch;
  const requestUrl = (input: unknown): string =>
    typeof input === 'object' && input !== null && 'url' in input ? String((input as { url: unknown }).url) : String(input);

  const noteFetchRequest = (input: unknown, init: RequestInit | undefined) => {
    const headers = new Headers(typeof input === 'object' && input !== null && 'headers' in input ? (input as Request).headers : undefined);
    if (init?.headers) new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    noteIds(resolve(requestUrl(input), page.location.href), (name) => headers.get(name));
  };

  const inspectResponse = async (response: Response, fallbackUrl: URL | null) => {
    const url = (response.url && resolve(response.url, page.location.href)) || fallbackUrl;
    if (!url || !canCarryOrganizationSettings(url) || !isJson(response.headers.get('content-type'))) return;
    if (declaredTooLarge(response.headers.get('content-length')) || response.bodyUsed || !response.body) return;
    const body = response.clone().body;
    if (body) deliverText(await readBounded(body, MAX_SETTINGS_RESPONSE_BYTES));
  };

  page.fetch = function fetch(this: unknown, ...args: Parameters<typeof originalFetch>) {
    let url: URL | null = null;
    try {
      url = resolve(requestUrl(args[0]), page.location.href);
      noteFetchRequest(args[0], args[1]);
    } catch {
      // Whatever the page passed is the page's business: it goes to fetch unchanged.
    }
    const pending = originalFetch.apply(this, args);
    // Handled here so a failed request is reported to the page only, as before.
    pending.then(
      (response) => void inspectResponse(response, url).catch(() => undefined),
      () => undefined,
    );
    return pending;
  };

  // ---- XMLHttpRequest
  const Xhr = page.XMLHttpRequest;
  if (!Xhr) return;
  const proto = Xhr.prototype;
  const { open, setRequestHeader, send } = proto;
  const requests = new WeakMap<XMLHttpRequest, { url: URL | null; headers: Map<string, string> }>();

  const inspectXhr = (xhr: XMLHttpRequest, url: URL | null) => {
    if (!url || !canCarryOrganizationSettings(url) || !isJson(xhr.getResponseHeader('content-type'))) return;
    if (xhr.responseType === '' || xhr.responseType === 'text') {
      const body = xhr.responseText;
      // Characters, not bytes: the bound only needs to keep huge bodies out.
      if (body.length <= MAX_SETTINGS_RESPONSE_BYTES) deliverText(body);
    } else if (xhr.responseType === 'json') {
      // Already parsed by the browser; read only when its declared size is within the bound.
      const length = xhr.getResponseHeader('content-length');
      if (length !== null && !declaredTooLarge(length)) sinks.settingsResponse(xhr.response);
    }
  };

  proto.open = function open_(this: XMLHttpRequest, ...args: unknown[]) {
    try {
      requests.set(this, { url: resolve(String(args[1]), page.location.href), headers: new Map() });
    } catch {
      // Recording is best effort; the request itself is untouched.
    }
    return (open as (...values: unknown[]) => void).apply(this, args);
  } as typeof proto.open;

  proto.setRequestHeader = function setRequestHeader_(this: XMLHttpRequest, name: string, value: string) {
    try {
      requests.get(this)?.headers.set(String(name).toLowerCase(), String(value));
    } catch {
      // As above.
    }
    return setRequestHeader.call(this, name, value);
  };

  proto.send = function send_(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    try {
      const request = requests.get(this);
      if (request) {
        noteIds(request.url, (name) => request.headers.get(name) ?? null);
        if (request.url && canCarryOrganizationSettings(request.url)) {
          this.addEventListener('load', () => {
            try {
              inspectXhr(this, request.url);
            } catch {
              // Malformed JSON or an unexpected shape: nothing learned, nothing changed.
            }
          });
        }
      }
    } catch {
      // As above.
    }
    return send.call(this, body);
  };
}
