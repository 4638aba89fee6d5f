// GET /whoami: whose credentials these are, and for an API token what it may do. The cheapest authenticated
// request there is, and the one clients poll to test a token.
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import type { WhoamiResponse } from '../../contract/token-schemas.ts';
import type { AppContext } from '../app-context.ts';
import { addCallerRoute } from '../route-registration.ts';
import { sessionAccount } from '../session-account.ts';
import { iso } from '../iso-time.ts';
import { tokenProjectNames } from '../token-view.ts';

export function registerWhoamiRoute(app: FastifyInstance, context: AppContext): void {
  const { store } = context;
  addCallerRoute(app, context, routes.whoami, async ({ caller }): Promise<WhoamiResponse> => {
    const username = caller.via === 'token' ? caller.username : sessionAccount(store, caller).username;
    const { token } = caller;
    if (!token) return { username, via: 'session', token: null };
    return {
      username,
      via: 'token',
      token: {
        id: String(token.id),
        name: token.name,
        permission: token.permission,
        projects: tokenProjectNames(store, token),
        expiresAt: iso(token.expiresAt),
      },
    };
  });
}
