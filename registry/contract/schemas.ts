// The Registry Security API contract: one set of runtime schemas used by the reference registry to validate
// requests, by the console's registry client to validate responses, and to generate the OpenAPI document.
import { z } from 'zod';
import { eventTypes } from './event-types.ts';

export const errorCodes = [
  'invalid_request',
  'payload_too_large',
  'not_found',
  'unauthenticated',
  'invalid_credentials',
  'otp_required',
  'invalid_otp',
  'invalid_recovery_code',
  'burned_recovery_code',
  'confirmation_required',
  'no_pending_enrollment',
  'two_factor_disabled',
  'weak_password',
  'rate_limited',
  'request_timeout',
  'headers_too_large',
  'too_many_connections',
  'internal',
  // Projects and publishing.
  'release_exists',
  'not_a_collaborator',
  // API tokens: creating them, and refusals of a token presented as a credential.
  'two_factor_required',
  'name_taken',
  'invalid_token',
  'token_expired',
  'token_revoked',
  'read_only_token',
  'out_of_scope',
  'ip_not_allowed',
  // Managing a project's policy and collaborators, and what the policy refuses.
  'owner_required',
  'last_owner',
  'already_collaborator',
  'two_factor_required_by_project',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const Username = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,49}$/, 'letters, digits, dot, dash or underscore');
export const Timestamp = z.iso.datetime();

export const SessionRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
  otp: z.string().regex(/^\d{6}$/, 'six digits').optional(),
  recoveryCode: z.string().min(1).max(64).optional(),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionResponse = z.object({
  token: z.string().min(32),
  expiresAt: Timestamp,
  username: Username,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const SignIn = z.object({ time: Timestamp, ip: z.string(), userAgent: z.string() });
export type SignIn = z.infer<typeof SignIn>;

export const Account = z.object({
  username: Username,
  createdAt: Timestamp,
  twoFactor: z.object({
    enabled: z.boolean(),
    methods: z.array(z.literal('totp')),
    enabledAt: Timestamp.nullable(),
    recoveryCodesRemaining: z.number().int().min(0),
    // When the current set of recovery codes was made; null when there is none (2FA off).
    recoveryCodesGeneratedAt: Timestamp.nullable(),
  }),
  // The newest sign-in, which is usually the caller's own.
  lastSignIn: SignIn.nullable(),
  // The newest sign-in before the one that started the calling session: what "last sign-in" means to a person.
  previousSignIn: SignIn.nullable(),
});
export type Account = z.infer<typeof Account>;

const Otp = z.string().regex(/^\d{6}$/, 'six digits');
const NewPassword = z.string().min(1).max(1024);

export const ConfirmRequest = z.strictObject({ password: z.string().min(1).max(1024), otp: Otp.optional() });
export type ConfirmRequest = z.infer<typeof ConfirmRequest>;
export const ConfirmResponse = z.object({ confirmedUntil: Timestamp });
export type ConfirmResponse = z.infer<typeof ConfirmResponse>;

export const TotpEnrollment = z.object({
  // Base32, 160 bits for new secrets.
  secret: z.string().regex(/^[A-Z2-7]+=*$/),
  otpauthUri: z.string().startsWith('otpauth://totp/'),
});
export type TotpEnrollment = z.infer<typeof TotpEnrollment>;

export const ActivateTotpRequest = z.strictObject({ otp: Otp });
export type ActivateTotpRequest = z.infer<typeof ActivateTotpRequest>;
export const recoveryCodeCount = 8;
const RecoveryCodes = z.array(z.string().regex(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/)).length(recoveryCodeCount);
export const ActivateTotpResponse = z.object({
  account: Account,
  // New codes when 2FA went from off to on (shown once); null when an authenticator was replaced.
  recoveryCodes: RecoveryCodes.nullable(),
});
export type ActivateTotpResponse = z.infer<typeof ActivateTotpResponse>;
export const AccountResponse = z.object({ account: Account });
export type AccountResponse = z.infer<typeof AccountResponse>;

export const RecoveryCodesResponse = z.object({ recoveryCodes: RecoveryCodes, generatedAt: Timestamp });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;
export const CheckRecoveryCodeRequest = z.strictObject({ code: z.string().min(1).max(64) });
export type CheckRecoveryCodeRequest = z.infer<typeof CheckRecoveryCodeRequest>;
export const recoveryCodeStatuses = ['valid', 'used', 'unknown'] as const;
export const CheckRecoveryCodeResponse = z.object({ status: z.enum(recoveryCodeStatuses) });
export type CheckRecoveryCodeResponse = z.infer<typeof CheckRecoveryCodeResponse>;

export const ChangePasswordRequest = z.strictObject({ newPassword: NewPassword });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const SessionInfo = z.object({
  id: z.string(),
  createdAt: Timestamp,
  // Coarse: updated at most once a minute.
  lastSeenAt: Timestamp,
  ip: z.string(),
  userAgent: z.string(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const SessionsResponse = z.object({ sessions: z.array(SessionInfo) });
export type SessionsResponse = z.infer<typeof SessionsResponse>;
export const SessionIdParams = z.strictObject({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'a session id') });
export const EndOthersResponse = z.object({ ended: z.number().int().min(0) });
export type EndOthersResponse = z.infer<typeof EndOthersResponse>;

export { eventTypes };
export const EventType = z.enum(eventTypes);
export type EventType = z.infer<typeof EventType>;

export const loginMethods = ['password', 'totp', 'recovery_code'] as const;
export const failureReasons = [
  'invalid_password',
  'invalid_totp',
  'replayed_totp',
  'invalid_recovery_code',
  'burned_recovery_code',
] as const;
export type LoginMethod = (typeof loginMethods)[number];
export type FailureReason = (typeof failureReasons)[number];

// A SHA-256 hash as lowercase hex.
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

// Each event is a link of its account's hash chain (contract/event-chain.ts says how hash is computed).
export const AuditEvent = z.object({
  id: z.string(),
  type: EventType,
  time: Timestamp,
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  // The hash of the event before this one in the account's chain (64 zeros for its first event).
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const EventSummaryQuery = z.strictObject({ since: Timestamp });
export type EventSummaryQuery = z.infer<typeof EventSummaryQuery>;

// Sign-in attempts counted at the registry over [since, now], however long the history.
export const EventSummary = z.object({
  since: Timestamp,
  until: Timestamp,
  successfulSignIns: z.number().int().min(0),
  // Every failed attempt: wrong passwords and codes plus those refused while rate limited.
  failedSignIns: z.number().int().min(0),
  // The part of failedSignIns refused by the rate limit without being checked.
  rateLimitedSignIns: z.number().int().min(0),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const EventsResponse = z.object({
  events: z.array(AuditEvent),
  nextCursor: z.string().nullable(),
});
export type EventsResponse = z.infer<typeof EventsResponse>;
