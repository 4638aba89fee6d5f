// `npm token list` and `npm token revoke`: GET /-/npm/v1/tokens and DELETE /-/npm/v1/tokens/token/<key-or-token>.
// Sessions only, as on the JSON API: a token can neither see nor revoke tokens. A revocation is the JSON API's
// (token.revoked, reason user), so the audit log does not care which client did it. With 2FA on, revoking takes a
// current code (npm-otp), as npm's registry asks: the session npm keeps in a plain .npmrc is not on its own
// enough to take away the account's CI tokens.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { transaction } from '../../store/database.ts';
import type { AppContext } from '../app-context.ts';
import { requireSession } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { requestContext } from '../request-context.ts';
import { revokeTokens } from '../token-revocation.ts';
import { parseWith } from '../validation.ts';
import { NpmTokensQuery, npmTokensPage } from './npm-token-list.ts';
import { requireNpmOtp } from './npm-otp.ts';
import { findTokenTarget } from './npm-token-target.ts';

// A wildcard, not a :param: a key is 128 characters, more than the router allows a parameter (that limit keeps
// answering the JSON API's overlong paths before any handler runs).
const RevokeParams = z.strictObject({ '*': z.string().regex(/^[A-Za-z0-9_]{1,256}$/, 'a token key or token') });

export function registerNpmTokenRoutes(scope: FastifyInstance, context: AppContext): void {
  const { store, clock } = context;

  scope.get('/-/npm/v1/tokens', async (request) => {
    const now = clock();
    const session = requireSession(request, store, now);
    const query = parseWith(NpmTokensQuery, request.query, 'query');
    return npmTokensPage(store.apiTokens.listForAccount(session.accountId, now, 'active'), query);
  });

  scope.delete('/-/npm/v1/tokens/token/*', async (request, reply) => {
    const now = clock();
    const session = requireSession(request, store, now);
    const target = parseWith(RevokeParams, request.params, 'path')['*'];
    // Among the active tokens only, so a prefix is not made ambiguous by tokens long gone. Found before the
    // one-time code is checked, so a mistyped key does not use up the code.
    const find = () => findTokenTarget(target, store.apiTokens.listForAccount(session.accountId, clock(), 'active'));
    const found = find();
    if (found.result === 'ambiguous') throw new ApiError(400, 'invalid_request', 'That key prefix matches more than one token; give more of the key');
    // Another account's token answers as an unknown one does, so keys cannot be probed.
    const unknown = () => new ApiError(404, 'not_found', 'This account has no active token with that key or value');
    if (found.result === 'unknown') throw unknown();
    await requireNpmOtp(context, session, request, requestContext(request));
    const revoked = transaction(store.db, () => {
      // Looked up again: the token may have been revoked while the code was checked.
      const still = find();
      if (still.result !== 'found') return 0;
      return revokeTokens(store, session.accountId, [still.token.id], 'user', clock(), requestContext(request));
    });
    if (revoked === 0) throw unknown();
    return reply.code(204).send();
  });
}
