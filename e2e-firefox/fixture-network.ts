import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { BrowserContext } from '@playwright/test';

/**
 * Firefox's whole network for a test: an HTTPS proxy (Firefox's proxy preferences point at
 * it) that accepts CONNECT only to the two hosts the extension talks to, terminates TLS
 * with a throwaway self-signed certificate and answers from the same fixtures as the
 * Chromium suite. The background script's requests are invisible to WebDriver BiDi, so
 * this is the one place where every request of the page, the content scripts, the
 * extension pages and the background can be answered. Every other host is refused, so
 * nothing leaves the machine.
 */

export const FIXTURE_HOSTS = ['platform.openai.com', 'api.openai.com'] as const;

/** The subset of a Playwright Route that the shared fixtures (e2e/harness.ts, e2e/fixtures/api) use. */
export interface FixtureRoute {
  request(): {
    url(): string;
    method(): string;
    headers(): Record<string, string>;
    headerValue(name: string): Promise<string | null>;
  };
  fulfill(response: { status?: number; body?: string | Buffer; contentType?: string; headers?: Record<string, string> }): Promise<void>;
  abort(errorCode?: string): Promise<void>;
}

type Handler = (route: FixtureRoute) => unknown;

/** A Playwright glob ('https://host/**') as a regular expression: `**` any text, `*` any text without '/'. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export class FixtureNetwork {
  /** Every request answered or refused, as `METHOD url` (refused CONNECTs as `CONNECT host:port`). */
  readonly log: string[] = [];
  /** CONNECT targets that were refused: anything but the fixture hosts. */
  readonly refused: string[] = [];
  private readonly routes: { pattern: RegExp; handler: Handler }[] = [];
  private readonly proxy: http.Server;
  private readonly origin: http.Server;
  private readonly sockets = new Set<Socket>();

  private constructor(certificate: { key: Buffer; cert: Buffer }) {
    this.origin = http.createServer((request, response) => void this.answer(request, response));
    this.proxy = http.createServer((request, response) => {
      // Plain-HTTP proxying (captive-portal checks and the like): never.
      this.refused.push(`${request.method} ${request.url}`);
      response.writeHead(403).end();
    });
    this.proxy.on('connection', (socket) => this.track(socket));
    this.proxy.on('connect', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
      const target = request.url ?? '';
      const [host, port] = target.split(':');
      if (!FIXTURE_HOSTS.includes(host as (typeof FIXTURE_HOSTS)[number]) || port !== '443') {
        this.refused.push(`CONNECT ${target}`);
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      const secure = new tls.TLSSocket(socket, { isServer: true, ...certificate });
      this.track(secure);
      this.origin.emit('connection', secure);
    });
  }

  /** Starts the proxy on a free local port. */
  static async start(): Promise<FixtureNetwork> {
    const network = new FixtureNetwork(throwawayCertificate());
    await new Promise<void>((resolve) => network.proxy.listen(0, '127.0.0.1', resolve));
    return network;
  }

  get port(): number {
    return (this.proxy.address() as AddressInfo).port;
  }

  /**
   * Playwright's `context.route`: the handler registered last for a matching URL answers.
   * The shared fixtures take a Playwright BrowserContext and call only this.
   */
  async route(pattern: string | RegExp, handler: Handler): Promise<void> {
    this.routes.push({ pattern: typeof pattern === 'string' ? globToRegExp(pattern) : pattern, handler });
  }

  /** This network where the shared fixtures expect a Playwright BrowserContext (they only call `route`). */
  asContext(): BrowserContext {
    return this as unknown as BrowserContext;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()));
    this.origin.close();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // Firefox drops connections at will; a reset is not a test failure.
    socket.on('error', () => socket.destroy());
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = `https://${request.headers.host}${request.url}`;
    this.log.push(`${request.method} ${url}`);
    const route = [...this.routes].reverse().find(({ pattern }) => pattern.test(url));
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture');
      return;
    }
    let settled = false;
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
    );
    const fixtureRoute: FixtureRoute = {
      request: () => ({
        url: () => url,
        method: () => request.method ?? 'GET',
        headers: () => headers,
        headerValue: async (name) => headers[name.toLowerCase()] ?? null,
      }),
      fulfill: async ({ status = 200, body = '', contentType, headers: extra = {} }) => {
        settled = true;
        response.writeHead(status, { ...(contentType ? { 'content-type': contentType } : {}), ...extra });
        response.end(body);
      },
      abort: async () => {
        settled = true;
        response.destroy();
      },
    };
    try {
      await route.handler(fixtureRoute);
    } catch (error) {
      if (!settled) response.writeHead(500).end(`fixture failed: ${String(error)}`);
      return;
    }
    if (!settled) response.writeHead(500).end('fixture did not answer');
  }
}

/** A self-signed certificate for the fixture hosts, made fresh for each run and never kept. */
function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rop-ff-tls-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=refined-openai-platform e2e', '-addext', `subjectAltName=${FIXTURE_HOSTS.map((host) => `DNS:${host}`).join(',')}`,
        '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
