// The checks every browser-host request passes before anything else happens. The host listens on loopback, but
// any web page the user visits can still send requests to it, and other local services see the browser's
// cookies for their host name — so:
// - the console lives on a host name of its own, made at random each launch (vigil-<random>.localhost; Chromium
//   and Firefox resolve *.localhost to loopback). Cookies are scoped by host name, not port, so no other local
//   service, on 127.0.0.1, localhost or any other name, is ever sent the session cookie;
// - a request must name that exact host (DNS rebinding) and come from that origin if it says where it comes from;
// - the session cookie is a __Host- cookie: the browser refuses one planted by another page (it cannot carry a
//   Domain attribute), and when several cookies of the name arrive, any one that matches is accepted.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const sessionCookieName = '__Host-vigil-session';

/** A fresh host name for one launch: 80 random bits, lower-case so the Host header compares exactly. */
export function randomHostName(): string {
  return `vigil-${randomBytes(10).toString('hex')}.localhost`;
}

export function hostIsAllowed(headers: IncomingHttpHeaders, host: string): boolean {
  return headers.host !== undefined && headers.host.toLowerCase() === host;
}

// Browsers send Origin on every cross-origin request and on same-origin POSTs; a request without it is a
// navigation or a same-origin GET, which the cookie check covers.
export function originIsAllowed(headers: IncomingHttpHeaders, origin: string): boolean {
  return headers.origin === undefined || headers.origin.toLowerCase() === origin;
}

// Comparing fixed-length digests keeps the comparison constant-time whatever length the guess has.
export function secretsMatch(candidate: string | null | undefined, secret: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = createHash('sha256').update(candidate, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Every value of the cookie `name`: a browser may send several, e.g. one planted for a parent domain. */
export function readCookies(headers: IncomingHttpHeaders, name: string): string[] {
  const values: string[] = [];
  for (const part of (headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) values.push(part.slice(separator + 1).trim());
  }
  return values;
}

// Secure is what the __Host- prefix requires; browsers accept it over http on localhost names, which they treat
// as secure contexts.
export function sessionCookie(secret: string): string {
  return `${sessionCookieName}=${secret}; Secure; HttpOnly; SameSite=Strict; Path=/`;
}
