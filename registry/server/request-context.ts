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

export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'] ?? '';
  return { ip: normalizeIp(request.ip), userAgent: userAgent.slice(0, maxUserAgentLength) };
}
