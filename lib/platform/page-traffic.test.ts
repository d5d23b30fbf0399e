// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { MAX_SETTINGS_RESPONSE_BYTES } from './dashboard-requests';
import { observeDashboardTraffic, type PageWindow } from './page-traffic';

const SETTINGS = { object: 'organization', id: 'org-A1', settings: { api_call_logging: 'enabled_per_call', api_call_logging_project_ids: [] } };

function json(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A page whose fetch answers from `answer`, observed; returns what the observer reported. */
function observedPage(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const pageFetch = vi.fn(answer);
  const page: PageWindow = { fetch: pageFetch as unknown as typeof fetch, location: { href: 'https://platform.openai.com/usage' } };
  const settings: unknown[] = [];
  const ids: unknown[] = [];
  observeDashboardTraffic(page, { settingsResponse: (value) => settings.push(value), requestIds: (value) => ids.push(value) });
  return { page, pageFetch, settings, ids };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('observeDashboardTraffic: fetch', () => {
  it('reads the settings of an organization response, nested "settings" included', async () => {
    const { page, settings } = observedPage(async () => json(SETTINGS));
    await page.fetch('https://api.openai.com/v1/dashboard/organizations/org-A1');
    await settle();
    expect(settings).toEqual([SETTINGS]);
  });

  it('gives the page the very same promise outcome and an unread, complete body', async () => {
    const response = json(SETTINGS);
    const { page, pageFetch, settings } = observedPage(async () => response);
    const received = await page.fetch('/api/organizations/org-A1', { method: 'GET' });
    expect(received).toBe(response);
    expect(pageFetch).toHaveBeenCalledWith('/api/organizations/org-A1', { method: 'GET' });
    await settle();
    expect(received.bodyUsed).toBe(false);
    expect(await received.json()).toEqual(SETTINGS);
    expect(settings).toHaveLength(1);
  });

  it('lets a failed request fail for the page exactly as before', async () => {
    const failure = new TypeError('Failed to fetch');
    const { page } = observedPage(async () => Promise.reject(failure));
    await expect(page.fetch('https://api.openai.com/v1/organizations/org-A1')).rejects.toBe(failure);
  });

  it.each([
    'https://api.openai.com/v1/dashboard/organization/costs?start_time=1',
    'https://api.openai.com/v1/dashboard/organization/usage/completions',
    'https://api.openai.com/v1/organizations/org-A1/usage',
    'https://api.openai.com/v1/chat/completions',
    'https://example.com/v1/organizations/org-A1',
  ])('never reads %s, even when it mentions the setting', async (url) => {
    const response = json(SETTINGS);
    const clone = vi.spyOn(response, 'clone');
    const { page, settings } = observedPage(async () => response);
    await page.fetch(url);
    await settle();
    expect(clone).not.toHaveBeenCalled();
    expect(settings).toEqual([]);
  });

  it('does not read a response declared or found larger than the bound, and the page still gets all of it', async () => {
    const padding = 'x'.repeat(MAX_SETTINGS_RESPONSE_BYTES);
    const big = JSON.stringify({ ...SETTINGS, padding });
    const declared = json(big, { 'content-length': String(big.length) });
    const undeclared = json(big);
    const answers = [declared, undeclared];
    const { page, settings } = observedPage(async () => answers.shift() as Response);
    const first = await page.fetch('https://api.openai.com/v1/organizations/org-A1');
    const second = await page.fetch('https://api.openai.com/v1/organizations/org-A1');
    await settle();
    expect(settings).toEqual([]);
    expect((await first.text()).length).toBe(big.length);
    expect((await second.text()).length).toBe(big.length);
  });

  it('skips non-JSON and malformed JSON without a sound', async () => {
    const answers = [new Response('api_call_logging', { headers: { 'content-type': 'text/html' } }), json('{"api_call_logging": ')];
    const { page, settings } = observedPage(async () => answers.shift() as Response);
    await page.fetch('https://api.openai.com/v1/organizations');
    const malformed = await page.fetch('https://api.openai.com/v1/organizations');
    await settle();
    expect(settings).toEqual([]);
    expect(await malformed.text()).toBe('{"api_call_logging": ');
  });

  it('reports the OpenAI-Project and OpenAI-Organization headers of dashboard requests, in any form', async () => {
    const { page, ids } = observedPage(async () => json({}));
    await page.fetch('https://api.openai.com/v1/dashboard/organization/costs', { headers: { 'OpenAI-Project': 'proj_H1' } });
    await page.fetch(new Request('https://api.openai.com/v1/x', { headers: [['openai-organization', 'org-H1']] }));
    await page.fetch('/relative/call', { headers: new Headers({ 'OpenAI-Project': 'proj_H2', 'OpenAI-Organization': 'org-H2' }) });
    // Another host's request, and an id of the wrong shape: not reported.
    await page.fetch('https://example.com/x', { headers: { 'OpenAI-Project': 'proj_H3' } });
    await page.fetch('https://api.openai.com/v1/x', { headers: { 'OpenAI-Project': 'not-an-id' } });
    expect(ids).toEqual([
      { project: 'proj_H1', organization: null },
      { project: null, organization: 'org-H1' },
      { project: 'proj_H2', organization: 'org-H2' },
    ]);
  });

  it('hands arguments it cannot read to fetch unchanged', async () => {
    const { page, pageFetch, ids } = observedPage(async () => json({}));
    const odd = { headers: 42 } as unknown as RequestInit;
    await page.fetch('https://api.openai.com/v1/x', odd);
    expect(pageFetch.mock.calls[0]?.[1]).toBe(odd);
    expect(ids).toEqual([]);
  });
});

describe('observeDashboardTraffic: XMLHttpRequest', () => {
  /** Just enough of XMLHttpRequest to see what the observer does around it. */
  class FakeXhr {
    static sent: FakeXhr[] = [];
    responseType: XMLHttpRequestResponseType = '';
    responseText = '';
    response: unknown = null;
    headers: Record<string, string> = {};
    requestHeaders: [string, string][] = [];
    private listeners: (() => void)[] = [];
    open(_method: string, _url: string): void {}
    setRequestHeader(name: string, value: string): void {
      this.requestHeaders.push([name, value]);
    }
    send(): void {
      FakeXhr.sent.push(this);
    }
    addEventListener(_type: string, listener: () => void): void {
      this.listeners.push(listener);
    }
    getResponseHeader(name: string): string | null {
      return this.headers[name.toLowerCase()] ?? null;
    }
    respond(body: string, headers: Record<string, string>): void {
      this.responseText = body;
      this.headers = headers;
      this.listeners.forEach((listener) => listener());
    }
  }

  function observedXhrPage() {
    FakeXhr.sent = [];
    const page: PageWindow = {
      fetch: (async () => json({})) as typeof fetch,
      location: { href: 'https://platform.openai.com/' },
      XMLHttpRequest: FakeXhr as unknown as typeof XMLHttpRequest,
    };
    const settings: unknown[] = [];
    const ids: unknown[] = [];
    observeDashboardTraffic(page, { settingsResponse: (value) => settings.push(value), requestIds: (value) => ids.push(value) });
    return { settings, ids, Xhr: page.XMLHttpRequest as unknown as typeof FakeXhr };
  }

  it('reads headers and a settings response, and still sends and sets what the page asked', () => {
    const { settings, ids, Xhr } = observedXhrPage();
    const xhr = new Xhr();
    xhr.open('GET', 'https://api.openai.com/v1/organizations/org-A1');
    xhr.setRequestHeader('OpenAI-Project', 'proj_X1');
    xhr.send();
    expect(Xhr.sent).toEqual([xhr]);
    expect(xhr.requestHeaders).toEqual([['OpenAI-Project', 'proj_X1']]);
    expect(ids).toEqual([{ project: 'proj_X1', organization: null }]);
    xhr.respond(JSON.stringify(SETTINGS), { 'content-type': 'application/json' });
    expect(settings).toEqual([SETTINGS]);
    expect(xhr.responseText).toBe(JSON.stringify(SETTINGS));
  });

  it('never reads a usage response', () => {
    const { settings, Xhr } = observedXhrPage();
    const xhr = new Xhr();
    xhr.open('GET', 'https://api.openai.com/v1/dashboard/organization/usage/completions');
    xhr.send();
    xhr.respond(JSON.stringify(SETTINGS), { 'content-type': 'application/json' });
    expect(settings).toEqual([]);
  });
});
