// Registers a handler against its entry in the contract's route table. This is where the table's promises are
// kept for every route alike: its path (OpenAPI's {name} parameters as Fastify's :name), authentication, and for
// routes marked sensitive a recent confirmation (403 confirmation_required), checked before the handler runs so
// no handler can forget it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteSpec } from '../contract/routes.ts';
import type { AppContext } from './app-context.ts';
import { requireConfirmed, requireSession, type AuthenticatedSession } from './auth.ts';
import { requestContext, type RequestContext } from './request-context.ts';

/** The Fastify URL of a contract path: "/sessions/{id}" becomes "/sessions/:id". */
export function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}

export interface SessionCall {
  request: FastifyRequest;
  reply: FastifyReply;
  session: AuthenticatedSession;
  /** The clock when the session was checked. */
  now: number;
  who: RequestContext;
}

export function addPublicRoute(
  app: FastifyInstance,
  spec: RouteSpec,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): void {
  if (spec.authenticated || spec.sensitive) throw new Error(`${spec.method} ${spec.path} needs a session`);
  app.route({ method: spec.method, url: fastifyPath(spec.path), handler });
}

export function addSessionRoute(
  app: FastifyInstance,
  { store, clock }: Pick<AppContext, 'store' | 'clock'>,
  spec: RouteSpec,
  handler: (call: SessionCall) => Promise<unknown>,
): void {
  if (!spec.authenticated) throw new Error(`${spec.method} ${spec.path} is not an authenticated route`);
  app.route({
    method: spec.method,
    url: fastifyPath(spec.path),
    handler: async (request, reply) => {
      const now = clock();
      const session = requireSession(request, store, now);
      if (spec.sensitive) requireConfirmed(session, now);
      return handler({ request, reply, session, now, who: requestContext(request) });
    },
  });
}
