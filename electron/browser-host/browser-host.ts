// The browser transport: the same dispatcher as Electron, behind a small HTTP server on 127.0.0.1. The printed
// link carries a per-launch secret that is traded for an HttpOnly, SameSite=Strict cookie; every request then
// needs that cookie, our exact Host and (when present) our Origin. Tokens stay in this process, as in Electron.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicyHeader } from '../content-security-policy.ts';
import type { IpcDispatcher } from '../ipc/dispatcher.ts';
import { readIpcBody } from './ipc-body.ts';
import { hostIsAllowed, originIsAllowed, readCookie, secretsMatch, sessionCookie, sessionCookieName } from './request-guard.ts';
import { readStaticFile } from './static-files.ts';

export interface BrowserHostOptions {
  rendererDir: string;
  dispatcher: IpcDispatcher;
  port?: number;
  log?: (message: string) => void;
}

export interface BrowserHost {
  // The link to open: http://127.0.0.1:<port>/?secret=<secret>
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicyHeader,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = randomBytes(32).toString('base64url');
  const log = options.log ?? ((message: string) => console.error(`vigil: ${message}`));
  let port = 0;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`browser host: request failed (${error instanceof Error ? error.name : 'unknown'})`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!hostIsAllowed(request.headers, port) || !originIsAllowed(request.headers, port)) return forbid(response);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';

    if (url.pathname === '/' && url.searchParams.has('secret') && method === 'GET') {
      if (!secretsMatch(url.searchParams.get('secret'), secret)) return forbid(response);
      // Trade the secret link for a cookie, and take the secret out of the address bar and history.
      response.writeHead(303, { ...securityHeaders, Location: '/', 'Set-Cookie': sessionCookie(port, secret) });
      response.end();
      return;
    }
    if (!secretsMatch(readCookie(request.headers, sessionCookieName(port)), secret)) return forbid(response);

    if (url.pathname.startsWith('/ipc/')) {
      if (method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'POST' });
      return handleIpc(request, response, url.pathname.slice('/ipc/'.length));
    }
    if (method !== 'GET' && method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    send(response, 200, file.contentType, method === 'HEAD' ? null : file.body, { 'Content-Length': String(file.body.length) });
  }

  async function handleIpc(request: http.IncomingMessage, response: http.ServerResponse, encodedChannel: string): Promise<void> {
    const body = await readIpcBody(request);
    if (!body.ok) {
      const envelope = { ok: false, error: { code: 'invalid_request', message: body.message } };
      return send(response, body.status, 'application/json; charset=utf-8', JSON.stringify(envelope), { Connection: 'close' });
    }
    let channel: string;
    try {
      channel = decodeURIComponent(encodedChannel);
    } catch {
      channel = '';
    }
    const result = await options.dispatcher.dispatch(channel, body.payload);
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  function forbid(response: http.ServerResponse): void {
    send(response, 403, 'text/plain; charset=utf-8', 'Forbidden. Open Vigil with the link it printed in the terminal.');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?secret=${secret}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(
  response: http.ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer | null,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': contentType, ...extraHeaders });
  response.end(body ?? undefined);
}
