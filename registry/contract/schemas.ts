// The Registry Security API contract: one set of runtime schemas used by the reference registry to validate
// requests, by the console's registry client to validate responses, and to generate the OpenAPI document.
import { z } from 'zod';

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
  'rate_limited',
  'request_timeout',
  'headers_too_large',
  'too_many_connections',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const Username = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,49}$/, 'letters, digits, dot, dash or underscore');
const Timestamp = z.iso.datetime();

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
    recoveryCodesRemaining: z.number().int().min(0),
  }),
  lastSignIn: SignIn.nullable(),
});
export type Account = z.infer<typeof Account>;

export const eventTypes = [
  'login.success',
  'login.failure',
  // Attempts refused while rate limited, one event per account, address and window: details count, firstAt, lastAt.
  'login.rate_limited',
  'recovery_code.used',
  'session.ended',
] as const;
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

export const AuditEvent = z.object({
  id: z.string(),
  type: EventType,
  time: Timestamp,
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const EventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
});
export type EventsQuery = z.infer<typeof EventsQuery>;

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
