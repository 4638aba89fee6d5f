// What a browser does with the browser host's launch link, for tests in Node: Node cannot resolve the console's
// vigil-<random>.localhost name (browsers map *.localhost to loopback themselves), so it connects to 127.0.0.1
// and sends that name as the Host header, exactly as the browser would.
import { rawRequest, type RawResponse } from './http-request.ts';

export interface BrowserHostClient {
  port: number;
  // vigil-<random>.localhost:<port>
  host: string;
  origin: string;
  // "__Host-vigil-session=<secret>", ready for a Cookie header.
  cookie: string;
  get(pathName: string, headers?: Record<string, string>): Promise<RawResponse>;
  ipc(channel: string, body: string, headers?: Record<string, string>): Promise<RawResponse>;
}

export function requestVia(launchUrl: string, options: Parameters<typeof rawRequest>[1]): Promise<RawResponse> {
  const url = new URL(launchUrl);
  return rawRequest(Number(url.port), { ...options, headers: { host: url.host, ...options.headers } });
}

/** Opens the launch link and returns a client holding the session cookie it was traded for. */
export async function openLaunchLink(launchUrl: string): Promise<BrowserHostClient> {
  const url = new URL(launchUrl);
  const handshake = await requestVia(launchUrl, { path: `${url.pathname}${url.search}` });
  const setCookie = handshake.headers['set-cookie']?.[0];
  if (handshake.status !== 303 || !setCookie) throw new Error(`the launch link answered ${handshake.status}: ${handshake.body}`);
  const cookie = setCookie.split(';')[0]!;
  const port = Number(url.port);
  return {
    port,
    host: url.host,
    origin: url.origin,
    cookie,
    get: (pathName, headers = {}) => requestVia(launchUrl, { path: pathName, headers: { cookie, ...headers } }),
    ipc: (channel, body, headers = {}) =>
      requestVia(launchUrl, {
        method: 'POST',
        path: `/ipc/${encodeURIComponent(channel)}`,
        headers: { cookie, 'content-type': 'application/json', origin: url.origin, ...headers },
        body,
      }),
  };
}
