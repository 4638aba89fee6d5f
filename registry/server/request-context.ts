// Who is asking, as recorded on audit events: the socket's IP (no proxy headers are trusted), IPv4-mapped IPv6
// written as the IPv4 address it is (so a token's allowed ranges and seen addresses mean one thing whichever
// socket family a client arrives on), and the User-Agent.
import type { FastifyRequest } from 'fastify';
import { normalizeIp } from '../contract/cidr.ts';

export interface RequestContext {
  ip: string;
  userAgent: string;
}

const maxUserAgentLength = 512;

// Normalising parses and formats the address; a server sees the same few clients over and over.
const normalized = new Map<string, string>();
const maxNormalized = 1_000;

function normalizedIp(ip: string): string {
  let result = normalized.get(ip);
  if (result === undefined) {
    result = normalizeIp(ip);
    if (normalized.size >= maxNormalized) normalized.clear();
    normalized.set(ip, result);
  }
  return result;
}

export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'] ?? '';
  return { ip: normalizedIp(request.ip), userAgent: userAgent.slice(0, maxUserAgentLength) };
}
