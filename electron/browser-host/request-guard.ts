// The checks every browser-host request passes before anything else happens. The host listens on loopback, but
// any web page the user visits can still send requests to 127.0.0.1 — so a request must name our exact host
// (DNS rebinding), come from our origin if it says where it comes from (cross-site requests), and carry the
// per-launch secret cookie (everything else).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// Cookies are scoped by host, not by port: each launch names its cookie after its port, so two consoles running
// at once on 127.0.0.1 do not overwrite each other's cookie.
export function sessionCookieName(port: number): string {
  return `vigil_session_${port}`;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function hostIsAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  return headers.host !== undefined && allowedHosts(port).has(headers.host.toLowerCase());
}

// Browsers send Origin on every cross-origin request and on same-origin POSTs; a request without it is a
// navigation or a same-origin GET, which the cookie check covers.
export function originIsAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  return allowedOrigins(port).has(origin.toLowerCase());
}

// Comparing fixed-length digests keeps the comparison constant-time whatever length the guess has.
export function secretsMatch(candidate: string | null | undefined, secret: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = createHash('sha256').update(candidate, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function readCookie(headers: IncomingHttpHeaders, name: string): string | null {
  const header = headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}
