// The one-time password npm sends in the npm-otp header (from --otp, or typed at its prompt after a challenge).
// npm's registry asks for it to create or revoke a token and to change a package's access when the account has 2FA
// on, and to publish a package that requires 2FA (publish-policy.ts, which reads the header here too); npm wraps
// these commands in its retry: a 401 with WWW-Authenticate: OTP makes it prompt on a terminal, or fail with EOTP
// elsewhere.
import type { FastifyRequest } from 'fastify';
import { confirmSecondFactor } from '../access-confirmation.ts';
import type { AppContext } from '../app-context.ts';
import type { AuthenticatedSession } from '../auth.ts';
import { ApiError } from '../errors.ts';
import type { RequestContext } from '../request-context.ts';
import { sessionAccount } from '../session-account.ts';

export const npmOtpRequiredMessage =
  'This account has two-factor authentication: give the code from your authenticator app with --otp <code>';

/** The code in npm-otp, or undefined when there is none. A malformed one is no guess at a code: 400. */
export function npmOtp(request: FastifyRequest): string | undefined {
  const header = request.headers['npm-otp'];
  if (header === undefined) return undefined;
  const code = (Array.isArray(header) ? header.join(',') : header).trim();
  if (!/^\d{6}$/.test(code)) throw new ApiError(400, 'invalid_request', 'npm-otp: a one-time password is six digits');
  return code;
}

/**
 * Nothing for an account without 2FA; otherwise a current code, checked as a confirmation's second factor is
 * (shared rate limits, replay guard, failures logged), without confirming the session for anything else.
 */
export async function requireNpmOtp(
  context: Pick<AppContext, 'store' | 'clock' | 'limits' | 'tallies'>,
  session: AuthenticatedSession,
  request: FastifyRequest,
  who: RequestContext,
): Promise<void> {
  const otp = npmOtp(request);
  const account = sessionAccount(context.store, session);
  if (account.totpSecret === null) return;
  await confirmSecondFactor(context, account, otp, who, npmOtpRequiredMessage);
}
