// Assembles the Fastify application: JSON-only bodies up to 64 KiB (release artifacts, on their one route, are
// application/octet-stream up to 10 MiB), contract-shaped errors, no-store responses, and the API's routes.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Argon2Params } from '../security/passwords.ts';
import type { RegistryStore } from '../store/store.ts';
import type { AppContext } from './app-context.ts';
import { requestLogSerializers } from './log-redaction.ts';
import { ApiError, installErrorHandling, sendError } from './errors.ts';
import { answerClientError, createHttpServer, defaultHttpLimits, responseHeaders, type HttpLimits } from './http-edge.ts';
import { registerNpmRoutes } from './npm/npm-routes.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerAccountSessionRoutes } from './routes/account-session-routes.ts';
import { registerEventRoutes } from './routes/event-routes.ts';
import { registerOpenApiRoute } from './routes/openapi-route.ts';
import { registerPasswordRoutes } from './routes/password-routes.ts';
import { registerProjectOwnerRoutes } from './routes/project-owner-routes.ts';
import { registerProjectRoutes } from './routes/project-routes.ts';
import { RefusalTallies } from './refusal-tallies.ts';
import { ReleaseRefusals } from './release-refusals.ts';
import { registerSessionRoutes } from './routes/session-routes.ts';
import { registerTokenRoutes } from './routes/token-routes.ts';
import { registerTwoFactorRoutes } from './routes/two-factor-routes.ts';
import { registerWhoamiRoute } from './routes/whoami-route.ts';
import { createSignInLimits, pypiRateLimits, type RateLimitSettings } from './sign-in-limits.ts';
import { SignInService } from './sign-in.ts';
import { TokenRefusals } from './token-refusals.ts';

export const bodyLimitBytes = 64 * 1024;

export interface AppOptions {
  store: RegistryStore;
  clock: () => number;
  passwordHashing: Argon2Params;
  sessionTtlMs: number;
  /** How long a session counts as confirmed after sign-in or POST /session/confirm. */
  confirmWindowMs: number;
  /** The issuer shown in authenticator apps. */
  registryName: string;
  rateLimits?: RateLimitSettings;
  httpLimits?: Partial<HttpLimits>;
  logger?: boolean;
}

function acceptJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  // An empty body with a JSON content type (e.g. a DELETE from a client that always sets the header) is no body.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) return done(null, undefined);
    return parseJson(request, text, done);
  });
}

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { serializers: requestLogSerializers } : false,
    bodyLimit: bodyLimitBytes,
    trustProxy: false,
    serverFactory: createHttpServer({ ...defaultHttpLimits, ...options.httpLimits }),
    clientErrorHandler: answerClientError,
    // A path the router cannot decode (e.g. "%c0") is the client's mistake, answered in the contract's shape.
    // Hooks do not run for these, hence the headers here.
    frameworkErrors: (_error, _request, reply) =>
      sendError(reply.headers(responseHeaders), new ApiError(400, 'invalid_request', 'The request path is not a valid URL')),
  });
  acceptJsonOnly(app);
  installErrorHandling(app);
  // Callback-style hooks, not async ones: every request runs these, and a promise each costs measurably.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(responseHeaders);
    done(null, payload);
  });
  // HTTP/1.1 requires a Host header (RFC 9112 §3.2); the edge lets such requests through so this answer has our shape.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      done(new ApiError(400, 'invalid_request', 'HTTP/1.1 requests need a Host header'));
      return;
    }
    done();
  });

  const rateLimits = options.rateLimits ?? pypiRateLimits;
  const tallies = new RefusalTallies({ store: options.store, clock: options.clock, windowMs: rateLimits.windowMs });
  // One set of limiters for every route that checks a password or a code, so failures anywhere count together.
  const limits = createSignInLimits(options.clock, rateLimits);
  const context: AppContext = {
    store: options.store,
    clock: options.clock,
    tallies,
    limits,
    passwordHashing: options.passwordHashing,
    confirmWindowMs: options.confirmWindowMs,
    registryName: options.registryName,
    tokenRefusals: new TokenRefusals(options.store),
    releaseRefusals: new ReleaseRefusals(options.store),
  };
  const signIn = new SignInService({
    store: options.store,
    clock: options.clock,
    passwordHashing: options.passwordHashing,
    sessionTtlMs: options.sessionTtlMs,
    confirmWindowMs: options.confirmWindowMs,
    limits,
    tallies,
  });
  // Tallies whose window has ended become events even if nobody reads the log; open ones stay on disk across a
  // restart and go on counting.
  const tallyTimer = setInterval(() => tallies.closeEnded(), Math.max(1_000, rateLimits.windowMs / 5));
  tallyTimer.unref();
  app.addHook('onReady', async () => {
    tallies.closeEnded();
    await signIn.prepare();
  });
  app.addHook('onClose', async () => clearInterval(tallyTimer));

  registerSessionRoutes(app, context, signIn);
  registerAccountRoutes(app, context);
  registerEventRoutes(app, context);
  registerTwoFactorRoutes(app, context);
  registerPasswordRoutes(app, context);
  registerAccountSessionRoutes(app, context);
  registerWhoamiRoute(app, context);
  registerProjectRoutes(app, context);
  registerProjectOwnerRoutes(app, context);
  registerTokenRoutes(app, context);
  registerOpenApiRoute(app);
  registerNpmRoutes(app, context, signIn);
  return app;
}
