// POST /session signs in; DELETE /session ends the calling session at once; POST /session/confirm confirms
// access for sensitive actions.
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import { ConfirmRequest, SessionRequest } from '../../contract/schemas.ts';
import { confirmAccess } from '../access-confirmation.ts';
import type { AppContext } from '../app-context.ts';
import { requestContext } from '../request-context.ts';
import { addPublicRoute, addSessionRoute } from '../route-registration.ts';
import { recordSessionEnded } from '../session-events.ts';
import type { SignInService } from '../sign-in.ts';
import { parseWith } from '../validation.ts';

export function registerSessionRoutes(app: FastifyInstance, context: AppContext, signIn: SignInService): void {
  addPublicRoute(app, routes.createSession, async (request) => {
    const body = parseWith(SessionRequest, request.body, 'body');
    return signIn.signIn(body, requestContext(request));
  });

  addSessionRoute(app, context, routes.endSession, async ({ reply, session, now, who }) => {
    if (context.store.sessions.end(session.sessionId, now)) {
      recordSessionEnded(context.store, { accountId: session.accountId, time: now, who, reason: 'sign_out' });
    }
    return reply.code(204).send();
  });

  addSessionRoute(app, context, routes.confirmSession, async ({ request, session, who }) => {
    const body = parseWith(ConfirmRequest, request.body, 'body');
    return confirmAccess(context, session, body, who);
  });
}
