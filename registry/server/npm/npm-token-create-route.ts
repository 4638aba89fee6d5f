// `npm token create`: POST /-/npm/v1/tokens, with a session (a token cannot make tokens, as on the JSON API). The
// body carries the account's password, checked as POST /session/confirm checks it (shared rate limits, and with
// 2FA on a current code, here from npm-otp): the JSON API makes tokens only in a recently confirmed session, and
// this proves the same, for this one request. It does not confirm the session: the session npm keeps in a plain
// .npmrc must not come out of `npm token create` able to do every other sensitive thing for ten minutes. The
// token itself is made by createApiToken, so every rule of the JSON API holds (write tokens need 2FA, lifetimes,
// names, projects the caller collaborates on, address ranges).
import type { FastifyInstance } from 'fastify';
import type { CreatedToken } from '../../contract/token-schemas.ts';
import { verifyAccess } from '../access-confirmation.ts';
import type { AppContext } from '../app-context.ts';
import { requireSession } from '../auth.ts';
import { requestContext } from '../request-context.ts';
import { createApiToken } from '../token-creation.ts';
import { generatedTokenName } from './npm-token-name.ts';
import { npmOtp, npmOtpRequiredMessage } from './npm-otp.ts';
import { readNpmTokenRequest } from './npm-token-request.ts';

/** npm's answer. npm 11 prints token, cidr_whitelist and expires; npm 10 (and --json) every field but key and updated. */
export interface NpmCreatedToken {
  token: string;
  key: string;
  name: string;
  cidr_whitelist: string[] | null;
  readonly: boolean;
  created: string;
  updated: string;
  expires: string;
}

function npmCreatedToken(created: CreatedToken): NpmCreatedToken {
  return {
    token: created.token,
    key: created.key,
    name: created.name,
    // As the list shows it: null for any address.
    cidr_whitelist: created.allowedCidrs.length === 0 ? null : created.allowedCidrs,
    readonly: created.permission === 'read-only',
    created: created.createdAt,
    updated: created.createdAt,
    expires: created.expiresAt,
  };
}

export function registerNpmTokenCreateRoute(scope: FastifyInstance, context: AppContext): void {
  scope.post('/-/npm/v1/tokens', async (request, reply) => {
    const session = requireSession(request, context.store, context.clock());
    // Read before the password is checked: a malformed request costs no attempt.
    const { password, token } = readNpmTokenRequest(request.body);
    const otp = npmOtp(request);
    const who = requestContext(request);
    await verifyAccess(context, session, { password, ...(otp === undefined ? {} : { otp }) }, who, {
      otpRequiredMessage: npmOtpRequiredMessage,
    });
    const name = token.name ?? generatedTokenName(context.store, session.accountId, context.clock());
    const created = createApiToken(context, session, { ...token, name }, who);
    return reply.code(201).send(npmCreatedToken(created));
  });
}
