// The one error type the registry client throws. Its code is either an error code the registry sent (from the
// contract's ErrorCode) or one of two client-side codes; the message is ours, never the registry's text and never
// anything the caller passed in, so a token or password cannot leak through an error message.
import type { ErrorCode } from '../../registry/contract/schemas.ts';

export type RegistryErrorCode = ErrorCode | 'registry_unreachable' | 'unexpected_response';

const messages: Record<RegistryErrorCode, string> = {
  invalid_request: 'The registry rejected the request as malformed.',
  payload_too_large: 'The registry rejected the request as too large.',
  not_found: 'The registry does not offer the Vigil security API at this address.',
  unauthenticated: 'The registry session is missing, expired or ended.',
  invalid_credentials: 'The username or password is not correct.',
  otp_required: 'The registry asks for a second factor.',
  invalid_otp: 'The one-time code is not correct.',
  invalid_recovery_code: 'The recovery code is not correct.',
  burned_recovery_code: 'The recovery code has already been used.',
  confirmation_required: 'The registry asks to confirm access before this action.',
  no_pending_enrollment: 'There is no authenticator waiting to be activated, or it waited too long.',
  two_factor_disabled: 'Two-factor authentication is off for this account.',
  weak_password: 'The registry refused the new password as too weak.',
  rate_limited: 'Too many attempts; the registry asks to wait before trying again.',
  request_timeout: 'The registry gave up waiting for the request.',
  headers_too_large: 'The registry rejected the request headers as too large.',
  too_many_connections: 'The registry is busy (too many open connections); try again shortly.',
  internal: 'The registry reported an internal error.',
  release_exists: 'That version of the project has already been published.',
  not_a_collaborator: 'The account is not a collaborator on that project.',
  two_factor_required: 'Read-write tokens need two-factor authentication on the account.',
  name_taken: 'Another active token already has that name.',
  invalid_token: 'The API token is not valid.',
  token_expired: 'The API token has expired.',
  token_revoked: 'The API token has been revoked.',
  read_only_token: 'The API token is read-only and cannot publish.',
  out_of_scope: 'The API token does not cover that project.',
  ip_not_allowed: 'The API token may not be used from this address.',
  owner_required: 'Only an owner of the project may do that.',
  last_owner: 'The last owner of a project cannot be removed.',
  already_collaborator: 'That user is already a collaborator on the project.',
  two_factor_required_by_project: 'A project requires two-factor authentication, so it cannot be turned off.',
  registry_unreachable: 'The registry could not be reached.',
  unexpected_response: 'The registry sent a response Vigil does not understand.',
};

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  // The HTTP status, when a response arrived at all.
  readonly status: number | null;
  readonly retryAfterSeconds: number | undefined;
  // Only for weak_password: the registry's explanation, cut to printable text (see registry-client.ts).
  readonly reason: string | undefined;

  constructor(
    code: RegistryErrorCode,
    options: { status?: number | null; retryAfterSeconds?: number; detail?: string; reason?: string } = {},
  ) {
    // `detail` is a fixed, client-written description (e.g. "status 502"); callers never pass registry text here.
    super(options.detail ? `${messages[code]} (${options.detail})` : messages[code]);
    this.name = 'RegistryError';
    this.code = code;
    this.status = options.status ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.reason = options.reason;
  }
}

export function isRegistryError(error: unknown): error is RegistryError {
  return error instanceof RegistryError;
}
