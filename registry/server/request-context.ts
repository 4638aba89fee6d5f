// Who is asking, as recorded on audit events: the socket's IP (no proxy headers are trusted) and the User-Agent.
import type { FastifyRequest } from 'fastify';

export interface RequestContext {
  ip: string;
  userAgent: string;
}

const maxUserAgentLength = 512;

export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'] ?? '';
  return { ip: request.ip, userAgent: userAgent.slice(0, maxUserAgentLength) };
}
