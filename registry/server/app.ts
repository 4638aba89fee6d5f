// Assembles the Fastify application: JSON-only bodies up to 64 KiB, contract-shaped errors, no-store responses,
// and the API's routes.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Argon2Params } from '../security/passwords.ts';
import type { RegistryStore } from '../store/store.ts';
import { installErrorHandling } from './errors.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerOpenApiRoute } from './routes/openapi-route.ts';
import { registerSessionRoutes } from './routes/session-routes.ts';
import { createSignInLimits, pypiRateLimits, type RateLimitSettings } from './sign-in-limits.ts';
import { SignInService } from './sign-in.ts';

export const bodyLimitBytes = 64 * 1024;

export interface AppOptions {
  store: RegistryStore;
  clock: () => number;
  passwordHashing: Argon2Params;
  sessionTtlMs: number;
  rateLimits?: RateLimitSettings;
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
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: bodyLimitBytes, trustProxy: false });
  acceptJsonOnly(app);
  installErrorHandling(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  const context = { store: options.store, clock: options.clock };
  const signIn = new SignInService({
    store: options.store,
    clock: options.clock,
    passwordHashing: options.passwordHashing,
    sessionTtlMs: options.sessionTtlMs,
    limits: createSignInLimits(options.clock, options.rateLimits ?? pypiRateLimits),
  });
  app.addHook('onReady', () => signIn.prepare());

  registerSessionRoutes(app, context, signIn);
  registerAccountRoutes(app, context);
  registerOpenApiRoute(app);
  return app;
}
