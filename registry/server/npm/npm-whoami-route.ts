// GET /-/whoami, what `npm whoami` asks: {username} for a session token or an API token, checked exactly as the
// JSON API's GET /api/v1/whoami checks it (revoked, expired, IP ranges) and recorded as a token use alike.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { requireCaller } from '../caller.ts';
import { requestContext } from '../request-context.ts';
import { sessionAccount } from '../session-account.ts';
import { recordTokenUse, tokenReadUseGranularityMs } from '../token-use.ts';

export function registerNpmWhoamiRoute(scope: FastifyInstance, context: AppContext): void {
  scope.get('/-/whoami', async (request) => {
    const now = context.clock();
    const who = requestContext(request);
    const caller = requireCaller(request, context, now, who);
    if (caller.token) recordTokenUse(context.store, caller.token, who, now, tokenReadUseGranularityMs);
    return { username: sessionAccount(context.store, caller).username };
  });
}
