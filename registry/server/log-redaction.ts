// What the request log may say about a request. Fastify logs each request's URL, and one npm route carries a
// whole token in its path (`npm token revoke <token>` sends DELETE /-/npm/v1/tokens/token/vgl_…): a log line must
// never hold a token, so anything shaped like one is cut to its public prefix.
import type { FastifyRequest } from 'fastify';

const tokenLike = /vgl_[A-Za-z0-9]{4}[A-Za-z0-9]*/g;

export function redactUrl(url: string): string {
  return url.replace(tokenLike, (token) => `${token.slice(0, 8)}…`);
}

export const requestLogSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }),
};
