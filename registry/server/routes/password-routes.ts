// POST /account/password: change the password (sensitive; ends every other session).
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import { ChangePasswordRequest } from '../../contract/schemas.ts';
import type { AppContext } from '../app-context.ts';
import { changePassword } from '../password-change.ts';
import { addSessionRoute } from '../route-registration.ts';
import { parseWith } from '../validation.ts';

export function registerPasswordRoutes(app: FastifyInstance, context: AppContext): void {
  addSessionRoute(app, context, routes.changePassword, async ({ request, reply, session, who }) => {
    const { newPassword } = parseWith(ChangePasswordRequest, request.body, 'body');
    await changePassword(context, session, newPassword, who);
    return reply.code(204).send();
  });
}
