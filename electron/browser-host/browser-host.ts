// The browser transport: the same dispatcher as Electron, behind a small HTTP server on 127.0.0.1, reached under
// a host name made at random for this launch (see request-guard.ts). The printed launch link carries a one-time
// secret that is traded for a separate session cookie; a second visit to the link opens nothing, so a link left in
// the browser's history is useless. Every request then needs that cookie, our exact Host and (when present) our
// Origin. Tokens stay in this process, as in Electron.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicyHeader } from '../content-security-policy.ts';
import type { IpcDispatcher } from '../ipc/dispatcher.ts';
import { readIpcBody } from './ipc-body.ts';
import {
  hostIsAllowed,
  originIsAllowed,
  randomHostName,
  readCookies,
  secretsMatch,
  sessionCookie,
  sessionCookieName,
} from './request-guard.ts';
import { readStaticFile } from './static-files.ts';

export interface BrowserHostOptions {
  rendererDir: string;
  dispatcher: IpcDispatcher;
  port?: number;
  log?: (message: string) => void;
}

export interface BrowserHost {
  // The link to open: http://vigil-<random>.localhost:<port>/launch?token=<one-time secret>
  url: string;
  // http://vigil-<random>.localhost:<port>
  origin: string;
  hostName: string;
  port: number;
  // Another one-time link, e.g. to open the console in a second browser.
  newLaunchUrl(): string;
  close(): Promise<void>;
}

const launchPath = '/launch';
const usedLinkMessage =
  'This Vigil link was already used, so it opens nothing: each link works once. Vigil is open in the tab where ' +
  'the link was first used; for another browser, ask the terminal running Vigil for a new link.';
const noSessionMessage = 'Forbidden. Open Vigil with the link it printed in the terminal.';

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicyHeader,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const newSecret = () => randomBytes(32).toString('base64url');

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? ((message: string) => console.error(`vigil: ${message}`));
  const hostName = randomHostName();
  let host = '';
  let origin = '';
  // Launch secrets not used yet, and the session secrets the used ones were traded for.
  const launchSecrets = new Set<string>();
  const sessionSecrets: string[] = [];

  const server = http.createServer(
    // A request that trickles in, or a connection left idle, must not be held open forever.
    { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        log(`browser host: request failed (${error instanceof Error ? error.name : 'unknown'})`);
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
        else response.destroy();
      });
    },
  );

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!hostIsAllowed(request.headers, host) || !originIsAllowed(request.headers, origin)) return forbid(response);
    const url = parseRequestUrl(request.url, origin);
    if (!url) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request: the path is not a valid URL.');
    const method = request.method ?? 'GET';

    if (url.pathname === launchPath && method === 'GET') {
      const token = url.searchParams.get('token');
      const launch = [...launchSecrets].find((candidate) => secretsMatch(token, candidate));
      if (!launch) return forbid(response, usedLinkMessage);
      launchSecrets.delete(launch);
      const session = newSecret();
      sessionSecrets.push(session);
      // Trade the link for a cookie, and take the token out of the address bar.
      response.writeHead(303, { ...securityHeaders, Location: '/', 'Set-Cookie': sessionCookie(session) });
      response.end();
      return;
    }
    const cookies = readCookies(request.headers, sessionCookieName);
    if (!cookies.some((cookie) => sessionSecrets.some((session) => secretsMatch(cookie, session)))) return forbid(response);

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

  function forbid(response: http.ServerResponse, message = noSessionMessage): void {
    send(response, 403, 'text/plain; charset=utf-8', message);
  }

  function newLaunchUrl(): string {
    const launch = newSecret();
    launchSecrets.add(launch);
    return `${origin}${launchPath}?token=${launch}`;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  host = `${hostName}:${port}`;
  origin = `http://${host}`;

  return {
    url: newLaunchUrl(),
    origin,
    hostName,
    port,
    newLaunchUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Null for a request target no URL can be made of (e.g. "//" or "http://[").
function parseRequestUrl(target: string | undefined, origin: string): URL | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  return URL.canParse(target, origin) ? new URL(target, origin) : null;
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
