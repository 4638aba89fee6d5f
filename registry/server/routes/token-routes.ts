// The account's API tokens: create one (sensitive: a session confirmed recently), list them, revoke one or
// several. Sessions only: a token can neither see nor make nor revoke tokens.
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import {
  CreateTokenRequest,
  RevokeTokensRequest,
  TokenIdParams,
  TokensQuery,
  type RevokeTokensResponse,
  type TokensResponse,
} from '../../contract/token-schemas.ts';
import { transaction } from '../../store/database.ts';
import type { AppContext } from '../app-context.ts';
import { ApiError } from '../errors.ts';
import { addSessionRoute } from '../route-registration.ts';
import { createApiToken } from '../token-creation.ts';
import { revokeTokens } from '../token-revocation.ts';
import { tokenView } from '../token-view.ts';
import { parseWith } from '../validation.ts';

export function registerTokenRoutes(app: FastifyInstance, context: AppContext): void {
  const { store } = context;

  addSessionRoute(app, context, routes.createToken, async ({ request, reply, session, who }) => {
    const body = parseWith(CreateTokenRequest, request.body, 'body');
    return reply.code(201).send(createApiToken(context, session, body, who));
  });

  addSessionRoute(app, context, routes.listTokens, async ({ request, session, now }): Promise<TokensResponse> => {
    const { state } = parseWith(TokensQuery, request.query, 'query');
    return { tokens: store.apiTokens.listForAccount(session.accountId, now, state).map((token) => tokenView(store, token)) };
  });

  addSessionRoute(app, context, routes.revokeToken, async ({ request, reply, session, now, who }) => {
    const id = Number(parseWith(TokenIdParams, request.params, 'path').id);
    // Another account's token answers as an unknown one does, so ids cannot be probed.
    const revoked = transaction(store.db, () => revokeTokens(store, session.accountId, [id], 'user', now, who));
    if (revoked === 0) throw new ApiError(404, 'not_found', 'This account has no unrevoked token with that id');
    return reply.code(204).send();
  });

  addSessionRoute(app, context, routes.revokeTokens, async ({ request, session, now, who }): Promise<RevokeTokensResponse> => {
    const { ids } = parseWith(RevokeTokensRequest, request.body, 'body');
    return { revoked: transaction(store.db, () => revokeTokens(store, session.accountId, ids.map(Number), 'bulk', now, who)) };
  });
}
