// The renderer's own origin, app://vigil: the scheme's privileges and the handler that serves dist/renderer from
// it. Plain Node (a fetch Request in, a Response out) so it is tested against real files; main.ts only registers it.
// A custom scheme instead of file:// gives the page a real origin that CSP 'self' and the IPC sender check can pin,
// and makes files outside dist/renderer unreachable from the page.
import { readStaticFile } from './browser-host/static-files.ts';
import { contentSecurityPolicyHeader } from './content-security-policy.ts';

export const appScheme = 'app';
export const appHost = 'vigil';
export const rendererUrl = `${appScheme}://${appHost}/index.html`;

// Passed to protocol.registerSchemesAsPrivileged before ready. Everything not listed stays off (Electron's default):
// no bypassCSP (the CSP must apply), no supportFetchAPI or corsEnabled (the page never fetch()es its own files and
// nothing else may read them), no allowServiceWorkers, no stream (no media), no codeCache, no allowExtensions.
export const appSchemePrivileges = {
  // A standard scheme gets a host, hence a real origin (app://vigil) instead of an opaque one: relative asset URLs
  // ("./assets/x.js") resolve, CSP 'self' matches our files, and the <script type="module" crossorigin> that Vite
  // emits is a same-origin load rather than a CORS request from an opaque origin, which Chromium refuses.
  standard: true,
  // A secure context, as https and file: are: our own local code is trustworthy. Without it the page would be a
  // "not secure" origin, with secure-context-only web APIs off and no mixed-content blocking of http:// loads
  // (which the CSP forbids as well). The renderer uses no such API today; this keeps it on a par with file://.
  secure: true,
} as const;

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicyHeader,
  // A file served with the wrong type must never be sniffed into script or HTML.
  'X-Content-Type-Options': 'nosniff',
};

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'Method not allowed', { Allow: 'GET' });
    const url = new URL(request.url);
    // Only our one origin is served; app://anything-else must not become a second origin with the same files.
    if (url.protocol !== `${appScheme}:` || url.host !== appHost) return plain(404, 'Not found');
    // readStaticFile decodes the path, keeps it (and its real path, after symlinks) inside rendererDir, maps / to
    // index.html, and returns null for anything else.
    const file = await readStaticFile(rendererDir, url.pathname);
    if (file === null) return plain(404, 'Not found');
    // Buffer's type allows a SharedArrayBuffer underneath, which BodyInit does not; a Uint8Array copy satisfies it.
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...securityHeaders, 'Content-Type': file.contentType },
    });
  };
}

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  });
}
