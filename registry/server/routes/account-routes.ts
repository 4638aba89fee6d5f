// GET /account: the signed-in account's security posture. The audit log's routes are in event-routes.ts.
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import { accountView } from '../account-view.ts';
import type { AppContext } from '../app-context.ts';
import { addSessionRoute } from '../route-registration.ts';

export function registerAccountRoutes(app: FastifyInstance, context: AppContext): void {
  addSessionRoute(app, context, routes.getAccount, async ({ session }) => accountView(context.store, session));
}
