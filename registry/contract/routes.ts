// The route table of the Registry Security API: what each endpoint takes and answers. The server registers
// its handlers against these entries and the OpenAPI document is generated from them, so they cannot drift.
import type { z } from 'zod';
import {
  Account,
  ErrorBody,
  EventSummary,
  EventSummaryQuery,
  EventsQuery,
  EventsResponse,
  SessionRequest,
  SessionResponse,
} from './schemas.ts';

export const apiBasePath = '/api/v1';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  authenticated: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const unauthenticated = { description: 'Missing, unknown, expired or ended session', schema: ErrorBody };

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
  getAccount: {
    method: 'GET',
    path: `${apiBasePath}/account`,
    summary: "The signed-in account's security posture",
    authenticated: true,
    responses: { 200: { description: 'The account', schema: Account }, 401: unauthenticated },
  },
  listEvents: {
    method: 'GET',
    path: `${apiBasePath}/account/events`,
    summary: "The account's audit events, newest first",
    authenticated: true,
    query: EventsQuery,
    responses: {
      200: { description: 'A page of events', schema: EventsResponse },
      400: { description: 'Bad limit or cursor', schema: ErrorBody },
      401: unauthenticated,
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
} as const satisfies Record<string, RouteSpec>;
