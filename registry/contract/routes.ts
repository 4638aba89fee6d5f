// The route table of the Registry Security API: what each endpoint takes and answers. The server registers
// its handlers against these entries and the OpenAPI document is generated from them, so they cannot drift.
import type { z } from 'zod';
import {
  AddCollaboratorRequest,
  Collaborator,
  CollaboratorParams,
  EstateQuery,
  EstateResponse,
  PolicyRequest,
  ProjectDetail,
  ProjectParams,
  ProjectPolicy,
} from './estate-schemas.ts';
import { EventsExportQuery, EventsHead, EventsQuery, maxEventsPageSize } from './event-schemas.ts';
import { artifactMediaType, maxArtifactBytes, ReleaseParams, ReleaseResponse } from './project-schemas.ts';
import {
  Account,
  AccountResponse,
  ActivateTotpRequest,
  ActivateTotpResponse,
  ChangePasswordRequest,
  CheckRecoveryCodeRequest,
  CheckRecoveryCodeResponse,
  ConfirmRequest,
  ConfirmResponse,
  EndOthersResponse,
  ErrorBody,
  type ErrorCode,
  EventSummary,
  AuditEvent,
  EventSummaryQuery,
  EventsResponse,
  RecoveryCodesResponse,
  SessionIdParams,
  SessionRequest,
  SessionResponse,
  SessionsResponse,
  TotpEnrollment,
} from './schemas.ts';
import {
  CreatedToken,
  CreateTokenRequest,
  RevokeTokensRequest,
  RevokeTokensResponse,
  TokenIdParams,
  TokensQuery,
  TokensResponse,
  WhoamiResponse,
} from './token-schemas.ts';

export const apiBasePath = '/api/v1';

// What any request may be answered before it reaches a route, by the HTTP edge (registry/server/http-edge.ts),
// always as {"error":{"code","message"}}.
export const edgeResponses = {
  400: { description: 'Not valid HTTP, a path that is not a valid URL, or HTTP/1.1 without Host', codes: ['invalid_request'] },
  405: { description: 'CONNECT, which the registry does not support', codes: ['invalid_request'] },
  408: { description: 'The request did not arrive completely in time (headers 10 s, whole request 30 s)', codes: ['request_timeout'] },
  413: { description: 'A body over 64 KiB (over 10 MiB for a release artifact)', codes: ['payload_too_large'] },
  417: { description: 'An Expect header other than 100-continue', codes: ['invalid_request'] },
  429: { description: 'Too many open connections from this address; see Retry-After', codes: ['too_many_connections'] },
  431: { description: 'Request headers too large', codes: ['headers_too_large'] },
  503: { description: 'Too many open connections in total; see Retry-After', codes: ['too_many_connections'] },
} as const satisfies Record<number, { description: string; codes: readonly ErrorCode[] }>;

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  // OpenAPI style: path parameters as {name}.
  path: string;
  summary: string;
  authenticated: boolean;
  // Sensitive actions need a session confirmed recently (sign-in or POST /session/confirm), else 403
  // confirmation_required; the server enforces this for every route marked so.
  sensitive?: boolean;
  // Besides a session, an API token (Authorization: Bearer vgl_…) is accepted. Every other authenticated route
  // refuses tokens (401 unauthenticated): a token cannot manage the account, nor make more tokens.
  tokens?: boolean;
  params?: z.ZodType;
  body?: z.ZodType;
  // A body that is not JSON: its media type and size limit.
  rawBody?: { mediaType: string; maxBytes: number; description: string };
  query?: z.ZodType;
  responses: Record<number, ResponseSpec>;
}

export interface ResponseSpec {
  description: string;
  /** A JSON body. */
  schema?: z.ZodType;
  /** A body streamed in other formats, chosen by the request; an NDJSON line's schema when there is one. */
  streamed?: readonly { mediaType: string; description: string; lineSchema?: z.ZodType }[];
}

const unauthenticated = { description: 'Missing, unknown, expired or ended session', schema: ErrorBody };
const confirmationRequired = {
  description: 'confirmation_required: confirm access (POST /api/v1/session/confirm) and try again',
  schema: ErrorBody,
};
const malformed = { description: 'Malformed body', schema: ErrorBody };
const tokenOrSession = {
  description:
    'unauthenticated (no credentials, or a session that is unknown, expired or ended); for an API token: ' +
    'invalid_token (malformed, bad checksum or unknown), token_expired or token_revoked',
  schema: ErrorBody,
};
const ipNotAllowed = 'ip_not_allowed (a token used from outside its allowed ranges)';
const notYourProject = {
  description: 'not_found: no project has that (normalised) name, or the caller is not its owner or maintainer',
  schema: ErrorBody,
};
const ownersOnly = (more: string) => ({
  description: `confirmation_required; owner_required (the caller is a maintainer of the project, not an owner)${more}`,
  schema: ErrorBody,
});

export const routes = {
  createSession: {
    method: 'POST',
    path: `${apiBasePath}/session`,
    summary: 'Sign in with a password and, when 2FA is on, a TOTP code or a recovery code',
    authenticated: false,
    body: SessionRequest,
    responses: {
      200: { description: 'Signed in', schema: SessionResponse },
      400: { description: 'Malformed body', schema: ErrorBody },
      401: {
        description:
          'invalid_credentials, otp_required (with WWW-Authenticate: OTP), invalid_otp, invalid_recovery_code or burned_recovery_code',
        schema: ErrorBody,
      },
      413: { description: 'Body over 64 KiB', schema: ErrorBody },
      429: { description: 'Too many failures; see Retry-After', schema: ErrorBody },
    },
  },
  endSession: {
    method: 'DELETE',
    path: `${apiBasePath}/session`,
    summary: 'End the calling session',
    authenticated: true,
    responses: { 204: { description: 'Session ended' }, 401: unauthenticated },
  },
  confirmSession: {
    method: 'POST',
    path: `${apiBasePath}/session/confirm`,
    summary: 'Confirm access with the password (and a TOTP code when 2FA is on) before sensitive actions',
    authenticated: true,
    body: ConfirmRequest,
    responses: {
      200: { description: 'Confirmed until the given time', schema: ConfirmResponse },
      400: malformed,
      401: {
        description: 'unauthenticated, invalid_credentials, otp_required (with WWW-Authenticate: OTP) or invalid_otp',
        schema: ErrorBody,
      },
      429: { description: 'Too many failures (the sign-in limits); see Retry-After', schema: ErrorBody },
    },
  },
  getAccount: {
    method: 'GET',
    path: `${apiBasePath}/account`,
    summary: "The signed-in account's security posture",
    authenticated: true,
    responses: { 200: { description: 'The account', schema: Account }, 401: unauthenticated },
  },
  startTotpEnrollment: {
    method: 'POST',
    path: `${apiBasePath}/account/totp`,
    summary: 'Start enrolling an authenticator: a new secret, pending for 10 minutes (replaces a pending one)',
    authenticated: true,
    sensitive: true,
    responses: {
      200: { description: 'The pending secret and its otpauth:// URI', schema: TotpEnrollment },
      401: unauthenticated,
      403: confirmationRequired,
    },
  },
  activateTotp: {
    method: 'POST',
    path: `${apiBasePath}/account/totp/activate`,
    summary: 'Activate the pending authenticator with a code from it (turns 2FA on, or replaces the authenticator)',
    authenticated: true,
    body: ActivateTotpRequest,
    responses: {
      200: { description: 'Activated; recovery codes when 2FA was off until now', schema: ActivateTotpResponse },
      400: { description: 'Malformed body, or invalid_otp', schema: ErrorBody },
      401: unauthenticated,
      409: { description: 'no_pending_enrollment: nothing pending, or it expired', schema: ErrorBody },
      429: { description: 'Too many wrong codes (the second-factor limit, shared with sign-in); see Retry-After', schema: ErrorBody },
    },
  },
  disableTotp: {
    method: 'DELETE',
    path: `${apiBasePath}/account/totp`,
    summary: 'Turn two-factor authentication off; every recovery code stops working',
    authenticated: true,
    sensitive: true,
    responses: {
      200: { description: '2FA is off', schema: AccountResponse },
      401: unauthenticated,
      403: confirmationRequired,
      409: {
        description:
          'two_factor_required_by_project: a project the account collaborates on requires 2FA for publishing (the ' +
          'message names them); an owner turns that off, or the account leaves those projects, first',
        schema: ErrorBody,
      },
    },
  },
  generateRecoveryCodes: {
    method: 'POST',
    path: `${apiBasePath}/account/recovery-codes`,
    summary: 'Replace the recovery codes with 8 new ones (shown once); every earlier code stops working',
    authenticated: true,
    sensitive: true,
    responses: {
      200: { description: 'The new codes', schema: RecoveryCodesResponse },
      401: unauthenticated,
      403: confirmationRequired,
      409: { description: 'two_factor_disabled', schema: ErrorBody },
    },
  },
  checkRecoveryCode: {
    method: 'POST',
    path: `${apiBasePath}/account/recovery-codes/check`,
    summary: 'Tell whether a recovery code is valid, used or unknown, without using it',
    authenticated: true,
    body: CheckRecoveryCodeRequest,
    responses: {
      200: { description: 'The status', schema: CheckRecoveryCodeResponse },
      400: malformed,
      401: unauthenticated,
      409: { description: 'two_factor_disabled', schema: ErrorBody },
      429: { description: 'Too many unknown codes (the second-factor limit); see Retry-After', schema: ErrorBody },
    },
  },
  changePassword: {
    method: 'POST',
    path: `${apiBasePath}/account/password`,
    summary: 'Change the password; every other session of the account ends',
    authenticated: true,
    sensitive: true,
    body: ChangePasswordRequest,
    responses: {
      204: { description: 'Changed' },
      400: { description: 'Malformed body, or weak_password with the reason', schema: ErrorBody },
      401: unauthenticated,
      403: confirmationRequired,
    },
  },
  listSessions: {
    method: 'GET',
    path: `${apiBasePath}/account/sessions`,
    summary: "The account's active sessions",
    authenticated: true,
    responses: { 200: { description: 'The sessions', schema: SessionsResponse }, 401: unauthenticated },
  },
  endAccountSession: {
    method: 'DELETE',
    path: `${apiBasePath}/account/sessions/{id}`,
    summary: 'End one of the account\'s sessions',
    authenticated: true,
    params: SessionIdParams,
    responses: {
      204: { description: 'Ended' },
      400: { description: 'Malformed id', schema: ErrorBody },
      401: unauthenticated,
      404: { description: 'not_found: no active session of this account has that id', schema: ErrorBody },
    },
  },
  endOtherSessions: {
    method: 'POST',
    path: `${apiBasePath}/account/sessions/end-others`,
    summary: 'End every session of the account but the calling one',
    authenticated: true,
    responses: { 200: { description: 'How many ended', schema: EndOthersResponse }, 401: unauthenticated },
  },
  listEvents: {
    method: 'GET',
    path: `${apiBasePath}/account/events`,
    summary:
      `The account's audit events, newest first (by time, then id), up to ${maxEventsPageSize} a page, optionally ` +
      'of some types, in a time range [since, until) or from one address; nextCursor (the last event\'s position, ' +
      'opaque) continues from there with the same filters and costs the same at any depth. Each event carries its hash and the previous hash of its account\'s chain',
    authenticated: true,
    query: EventsQuery,
    responses: {
      200: { description: 'A page of events', schema: EventsResponse },
      400: {
        description: 'invalid_request: a limit over the maximum, a cursor that is not a position this server issues, an unknown type, a time that is not ISO 8601 UTC, until not after since, or an ip that is not an address',
        schema: ErrorBody,
      },
      401: unauthenticated,
    },
  },
  eventsHead: {
    method: 'GET',
    path: `${apiBasePath}/account/events/head`,
    summary:
      "The end of the account's hash chain: how many events it holds, the last one's id and hash. A later head " +
      'extends an earlier one when the chain from the earlier lastId leads to it',
    authenticated: true,
    responses: { 200: { description: 'The head', schema: EventsHead }, 401: unauthenticated },
  },
  exportEvents: {
    method: 'GET',
    path: `${apiBasePath}/account/events/export`,
    summary:
      'The whole log, or what the filters select, streamed as NDJSON (one event per line, as in a page), CSV or chain ' +
      'lines (what each hash covers, for verifiers); newest first, or with order=chain in the order the events were ' +
      'appended (the order to verify a chain in)',
    authenticated: true,
    query: EventsExportQuery,
    responses: {
      200: {
        description: 'The events, streamed (Content-Disposition names a file)',
        streamed: [
          { mediaType: 'application/x-ndjson', description: 'One event per line', lineSchema: AuditEvent },
          {
            mediaType: 'text/csv',
            description:
              'RFC 4180, UTF-8, a header row (id, time, type, ip, userAgent, details, prevHash, hash), details as JSON ' +
              'text; a cell starting with =, +, -, @, tab or carriage return gets a leading \' so spreadsheets do not run it',
          },
          {
            mediaType: 'text/plain',
            description:
              'format=chain (always in chain order): per event, one line of exactly the text its hash covers (prevHash, ' +
              'then the canonical JSON of the event), a tab and the hash; SHA-256 of the bytes before the tab must be the hash',
          },
        ],
      },
      400: {
        description:
          'invalid_request: no or an unknown format or order (format=chain with order=newest), or a filter as GET /account/events refuses it',
        schema: ErrorBody,
      },
      401: unauthenticated,
      429: { description: 'rate_limited: two exports of this log are already running (Retry-After says when to try again)', schema: ErrorBody },
    },
  },
  summarizeEvents: {
    method: 'GET',
    path: `${apiBasePath}/account/events/summary`,
    summary: 'Sign-in attempts since a time, counted at the registry (refusals while rate limited included)',
    authenticated: true,
    query: EventSummaryQuery,
    responses: {
      200: { description: 'The counts', schema: EventSummary },
      400: { description: 'Missing or malformed since', schema: ErrorBody },
      401: unauthenticated,
    },
  },
  whoami: {
    method: 'GET',
    path: `${apiBasePath}/whoami`,
    summary: 'Who the credentials belong to: a session, or an API token and what it may do',
    authenticated: true,
    tokens: true,
    responses: {
      200: { description: 'The account, and the token when one was used', schema: WhoamiResponse },
      401: tokenOrSession,
      403: { description: ipNotAllowed, schema: ErrorBody },
    },
  },
  listProjects: {
    method: 'GET',
    path: `${apiBasePath}/projects`,
    summary:
      "The caller's projects with their role, latest release and publish policy (with a token: those it covers); " +
      'with include=collaborators,tokens the whole estate at once: each project\'s collaborators with their 2FA state, ' +
      'and the active tokens that can reach it (an owner sees every collaborator\'s, a maintainer only their own)',
    authenticated: true,
    tokens: true,
    query: EstateQuery,
    responses: {
      200: { description: 'The projects, by name', schema: EstateResponse },
      400: { description: 'An unknown include part or query parameter', schema: ErrorBody },
      401: tokenOrSession,
      403: { description: ipNotAllowed, schema: ErrorBody },
    },
  },
  getProject: {
    method: 'GET',
    path: `${apiBasePath}/projects/{name}`,
    summary:
      'One project in full: policy, collaborators with their 2FA state, latest releases. For its owners and ' +
      'maintainers only; with an API token (read-only is enough), only a project the token covers, as npm and PyPI ' +
      'let a token read only what it may act on',
    authenticated: true,
    tokens: true,
    params: ProjectParams,
    responses: {
      200: { description: 'The project', schema: ProjectDetail },
      400: { description: 'A malformed name', schema: ErrorBody },
      401: tokenOrSession,
      403: { description: ipNotAllowed, schema: ErrorBody },
      404: {
        description: 'not_found: no project has that name, the caller does not collaborate on it, or the token does not cover it',
        schema: ErrorBody,
      },
    },
  },
  setProjectPolicy: {
    method: 'PUT',
    path: `${apiBasePath}/projects/{name}/policy`,
    summary:
      'Set whether publishing needs 2FA (a one-time code with every publish, and 2FA for every collaborator) and ' +
      'whether tokens marked bypass2fa publish without a code. Owners only. Collaborators without 2FA may remain: ' +
      'they cannot publish until they turn it on',
    authenticated: true,
    sensitive: true,
    params: ProjectParams,
    body: PolicyRequest,
    responses: {
      200: { description: 'The policy now', schema: ProjectPolicy },
      400: { description: 'Malformed name or body', schema: ErrorBody },
      401: unauthenticated,
      403: ownersOnly(''),
      404: notYourProject,
    },
  },
  addCollaborator: {
    method: 'POST',
    path: `${apiBasePath}/projects/{name}/collaborators`,
    summary: 'Let another account publish the project, as owner or maintainer. Owners only',
    authenticated: true,
    sensitive: true,
    params: ProjectParams,
    body: AddCollaboratorRequest,
    responses: {
      201: { description: 'Added', schema: Collaborator },
      400: { description: 'Malformed name or body', schema: ErrorBody },
      401: unauthenticated,
      403: ownersOnly('; two_factor_required (the project requires 2FA for publishing and the account has none)'),
      404: { description: 'not_found: the project is not the caller\'s (see GET /projects/{name}), or no account has that username', schema: ErrorBody },
      409: { description: 'already_collaborator: the account is already an owner or maintainer of the project', schema: ErrorBody },
    },
  },
  removeCollaborator: {
    method: 'DELETE',
    path: `${apiBasePath}/projects/{name}/collaborators/{username}`,
    summary: "Take an account off the project (an owner may remove themselves); its tokens stop reaching the project at once. Owners only",
    authenticated: true,
    sensitive: true,
    params: CollaboratorParams,
    responses: {
      204: { description: 'Removed' },
      400: { description: 'Malformed name or username', schema: ErrorBody },
      401: unauthenticated,
      403: ownersOnly(''),
      404: { description: 'not_found: the project is not the caller\'s, or that account does not collaborate on it', schema: ErrorBody },
      409: { description: 'last_owner: a project keeps at least one owner; add another first', schema: ErrorBody },
    },
  },
  publishRelease: {
    method: 'PUT',
    path: `${apiBasePath}/projects/{name}/releases/{version}`,
    summary: 'Publish a release: the artifact is the body. The name may be given in any normalised form (Foo_Bar = foo-bar)',
    authenticated: true,
    tokens: true,
    params: ReleaseParams,
    rawBody: {
      mediaType: artifactMediaType,
      maxBytes: maxArtifactBytes,
      description: 'The artifact, 1 byte to 10 MiB',
    },
    responses: {
      201: { description: 'Published', schema: ReleaseResponse },
      400: {
        description:
          'Malformed name or version, an empty artifact, a Content-Type other than application/octet-stream, or an ' +
          'npm-otp header that is not six digits',
        schema: ErrorBody,
      },
      401: {
        description:
          `${tokenOrSession.description}; while the project requires 2FA for publishing: otp_required (with ` +
          'WWW-Authenticate: OTP; send the code from the authenticator of the credential\'s account in the npm-otp ' +
          'header, unless the token bypasses 2FA and the project lets such tokens) or invalid_otp (wrong or already used)',
        schema: ErrorBody,
      },
      403: {
        description:
          'not_a_collaborator (the project exists but the caller is not, or no longer, its owner or maintainer); ' +
          'two_factor_required (the project requires 2FA for publishing and the account has none); for a token also ' +
          'read_only_token, out_of_scope (the project is not among the token\'s) or ip_not_allowed',
        schema: ErrorBody,
      },
      404: { description: 'not_found: no project has that (normalised) name', schema: ErrorBody },
      409: { description: 'release_exists: this version of the project was published already', schema: ErrorBody },
      413: { description: 'payload_too_large: the artifact is over 10 MiB', schema: ErrorBody },
      429: { description: 'Too many wrong one-time codes (the second-factor limit, shared with sign-in); see Retry-After', schema: ErrorBody },
    },
  },
  createToken: {
    method: 'POST',
    path: `${apiBasePath}/tokens`,
    summary: 'Create an API token, shown once; write tokens need 2FA and last at most 90 days, read-only ones 365',
    authenticated: true,
    sensitive: true,
    body: CreateTokenRequest,
    responses: {
      201: { description: 'The token (shown this once) and its metadata', schema: CreatedToken },
      400: { description: 'Malformed body, a bad CIDR range, or an expiry beyond the permission\'s limit', schema: ErrorBody },
      401: unauthenticated,
      403: {
        description:
          'confirmation_required; two_factor_required (a read-write token on an account without 2FA); ' +
          'not_a_collaborator (a named project is unknown or not the caller\'s)',
        schema: ErrorBody,
      },
      409: { description: 'name_taken: an active token of the account has that name', schema: ErrorBody },
    },
  },
  listTokens: {
    method: 'GET',
    path: `${apiBasePath}/tokens`,
    summary: "The account's API tokens, newest first: the active ones, or with state=all also revoked and expired ones",
    authenticated: true,
    query: TokensQuery,
    responses: {
      200: { description: 'The tokens (never the tokens themselves: key and preview only)', schema: TokensResponse },
      400: { description: 'Bad state', schema: ErrorBody },
      401: unauthenticated,
    },
  },
  revokeToken: {
    method: 'DELETE',
    path: `${apiBasePath}/tokens/{id}`,
    summary: 'Revoke one of the account\'s API tokens',
    authenticated: true,
    params: TokenIdParams,
    responses: {
      204: { description: 'Revoked' },
      400: { description: 'Malformed id', schema: ErrorBody },
      401: unauthenticated,
      404: { description: 'not_found: this account has no unrevoked token with that id', schema: ErrorBody },
    },
  },
  revokeTokens: {
    method: 'POST',
    path: `${apiBasePath}/tokens/revoke`,
    summary: "Revoke several of the account's API tokens; ids that are not the account's or already revoked are skipped",
    authenticated: true,
    body: RevokeTokensRequest,
    responses: {
      200: { description: 'How many were revoked', schema: RevokeTokensResponse },
      400: malformed,
      401: unauthenticated,
    },
  },
} as const satisfies Record<string, RouteSpec>;
