// Registers a handler against its entry in the contract's route table. This is where the table's promises are
// kept for every route alike: its path (OpenAPI's {name} parameters as Fastify's :name), authentication (API
// tokens only where the table says `tokens`), and for routes marked sensitive a recent confirmation (403
// confirmation_required), checked before the handler runs so no handler can forget it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteSpec } from '../contract/routes.ts';
import type { AppContext } from './app-context.ts';
import { requireConfirmed, requireSession, type AuthenticatedSession } from './auth.ts';
import { requireCaller, type Caller } from './caller.ts';
import { requestContext, type RequestContext } from './request-context.ts';
import { recordTokenUse, tokenReadUseGranularityMs } from './token-use.ts';

/** The Fastify URL of a contract path: "/sessions/{id}" becomes "/sessions/:id". */
export function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}

export interface SessionCall {
  request: FastifyRequest;
  reply: FastifyReply;
  session: AuthenticatedSession;
  /** The clock when the session was checked. */
  now: number;
  who: RequestContext;
}

export function addPublicRoute(
  app: FastifyInstance,
  spec: RouteSpec,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): void {
  if (spec.authenticated || spec.sensitive) throw new Error(`${spec.method} ${spec.path} needs a session`);
  app.route({ method: spec.method, url: fastifyPath(spec.path), handler });
}

export function addSessionRoute(
  app: FastifyInstance,
  { store, clock }: Pick<AppContext, 'store' | 'clock'>,
  spec: RouteSpec,
  handler: (call: SessionCall) => Promise<unknown>,
): void {
  if (!spec.authenticated) throw new Error(`${spec.method} ${spec.path} is not an authenticated route`);
  app.route({
    method: spec.method,
    url: fastifyPath(spec.path),
    handler: async (request, reply) => {
      const now = clock();
      const session = requireSession(request, store, now);
      if (spec.sensitive) requireConfirmed(session, now);
      return handler({ request, reply, session, now, who: requestContext(request) });
    },
  });
}

export interface CallerCall {
  request: FastifyRequest;
  reply: FastifyReply;
  caller: Caller;
  /** The clock when the credentials were checked. */
  now: number;
  who: RequestContext;
}

export interface CallerRouteOptions<T> {
  /**
   * Checks that need the path but not the body, run before the body is read: a caller refused here never gets to
   * upload one. Its result is handed to the handler.
   */
  beforeBody?: (call: CallerCall) => T | Promise<T>;
  /** A token use is recorded once credentials and beforeBody pass: at most once per this many ms and address. */
  tokenUseGranularityMs?: number;
}

/** A route that takes a session or an API token; credentials are checked before the body is read. */
export function addCallerRoute<T = undefined>(
  app: FastifyInstance,
  context: Pick<AppContext, 'store' | 'clock' | 'tokenRefusals'>,
  spec: RouteSpec,
  handler: (call: CallerCall, checked: T) => Promise<unknown>,
  options: CallerRouteOptions<T> = {},
): void {
  if (!spec.authenticated || !spec.tokens) throw new Error(`${spec.method} ${spec.path} does not take API tokens`);
  if (spec.sensitive) throw new Error(`${spec.method} ${spec.path}: a sensitive route takes sessions only`);
  addCallerRouteAt(app, context, { method: spec.method, url: fastifyPath(spec.path) }, handler, options);
}

/** Where a caller route outside the contract's table (npm's protocol) is registered, and the body it reads. */
export interface CallerRouteAddress {
  method: RouteSpec['method'];
  /** Fastify's form, e.g. "/:name". */
  url: string;
  /** Bytes; the app's limit unless given. */
  bodyLimit?: number;
}

/** addCallerRoute for a route the contract does not describe: the same credential checks, in the same order. */
export function addCallerRouteAt<T = undefined>(
  app: FastifyInstance,
  context: Pick<AppContext, 'store' | 'clock' | 'tokenRefusals'>,
  address: CallerRouteAddress,
  handler: (call: CallerCall, checked: T) => Promise<unknown>,
  options: CallerRouteOptions<T> = {},
): void {
  const calls = new WeakMap<FastifyRequest, { call: CallerCall; checked: T }>();
  app.route({
    method: address.method,
    url: address.url,
    ...(address.bodyLimit === undefined ? {} : { bodyLimit: address.bodyLimit }),
    onRequest: async (request, reply) => {
      const now = context.clock();
      const who = requestContext(request);
      const call = { request, reply, caller: requireCaller(request, context, now, who), now, who };
      const checked = options.beforeBody ? await options.beforeBody(call) : (undefined as T);
      if (call.caller.token) {
        recordTokenUse(context.store, call.caller.token, who, now, options.tokenUseGranularityMs ?? tokenReadUseGranularityMs);
      }
      calls.set(request, { call, checked });
    },
    handler: async (request) => {
      const stored = calls.get(request);
      if (!stored) throw new Error('the caller was not checked');
      return handler(stored.call, stored.checked);
    },
  });
}
