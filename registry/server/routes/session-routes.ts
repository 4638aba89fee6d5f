// POST /session signs in; DELETE /session ends the calling session at once.
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import { SessionRequest } from '../../contract/schemas.ts';
import { requireSession } from '../auth.ts';
import type { AppContext } from '../app-context.ts';
import { requestContext } from '../request-context.ts';
import type { SignInService } from '../sign-in.ts';
import { parseWith } from '../validation.ts';

export function registerSessionRoutes(app: FastifyInstance, context: AppContext, signIn: SignInService): void {
  app.route({
    method: routes.createSession.method,
    url: routes.createSession.path,
    handler: async (request) => {
      const body = parseWith(SessionRequest, request.body, 'body');
      return signIn.signIn(body, requestContext(request));
    },
  });

  app.route({
    method: routes.endSession.method,
    url: routes.endSession.path,
    handler: async (request, reply) => {
      const now = context.clock();
      const session = requireSession(request, context.store, now);
      const who = requestContext(request);
      if (context.store.sessions.end(session.sessionId, now)) {
        context.store.events.append({
          accountId: session.accountId,
          type: 'session.ended',
          time: now,
          ip: who.ip,
          userAgent: who.userAgent,
          details: { reason: 'sign_out' },
        });
      }
      return reply.code(204).send();
    },
  });
}
