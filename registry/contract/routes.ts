// The route table of the Registry Security API: what each endpoint takes and answers. The server registers
// its handlers against these entries and the OpenAPI document is generated from them, so they cannot drift.
import type { z } from 'zod';
import {
  Account,
  ErrorBody,
  type ErrorCode,
  EventSummary,
  EventSummaryQuery,
  EventsQuery,
  EventsResponse,
  SessionRequest,
  SessionResponse,
} from './schemas.ts';

export const apiBasePath = '/api/v1';

// What any request may be answered before it reaches a route, by the HTTP edge (registry/server/http-edge.ts),
// always as {"error":{"code","message"}}.
export const edgeResponses = {
  400: { description: 'Not valid HTTP, a path that is not a valid URL, or HTTP/1.1 without Host', codes: ['invalid_request'] },
  405: { description: 'CONNECT, which the registry does not support', codes: ['invalid_request'] },
  408: { description: 'The request did not arrive completely in time (headers 10 s, whole request 30 s)', codes: ['request_timeout'] },
  413: { description: 'A body over 64 KiB', codes: ['payload_too_large'] },
  417: { description: 'An Expect header other than 100-continue', codes: ['invalid_request'] },
  429: { description: 'Too many open connections from this address; see Retry-After', codes: ['too_many_connections'] },
  431: { description: 'Request headers too large', codes: ['headers_too_large'] },
  503: { description: 'Too many open connections in total; see Retry-After', codes: ['too_many_connections'] },
} as const satisfies Record<number, { description: string; codes: readonly ErrorCode[] }>;

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
