// Starts the reference registry on 127.0.0.1 over a data folder: the entry point for the CLI, the console's
// end-to-end tests and the benchmarks.
import { owaspArgon2Params, type Argon2Params } from '../security/passwords.ts';
import { seedDemo } from '../seed/demo.ts';
import type { Synchronous } from '../store/database.ts';
import { openStore } from '../store/store.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { HttpLimits } from './http-edge.ts';
import type { RateLimitSettings } from './sign-in-limits.ts';

export const defaultSessionTtlMs = 12 * 60 * 60 * 1000;
// Ten minutes after signing in or confirming, sensitive actions need the password again: short, so a session
// left open (or a stolen token) does not keep the power to turn 2FA off or change the password.
export const defaultConfirmWindowMs = 10 * 60 * 1000;
export const defaultRegistryName = 'Vigil registry';

export interface StartRegistryOptions {
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  seed?: 'demo';
  /** Milliseconds since the epoch; injectable so tests control TOTP steps, expiry and rate-limit windows. */
  clock?: () => number;
  passwordHashing?: Argon2Params;
  sessionTtlMs?: number;
  /** How long a session counts as confirmed for sensitive actions after sign-in or POST /session/confirm. */
  confirmWindowMs?: number;
  /** The registry's name, the issuer authenticator apps show; "Vigil registry" unless given. */
  name?: string;
  rateLimits?: RateLimitSettings;
  httpLimits?: Partial<HttpLimits>;
  /** SQLite's synchronous mode; FULL unless a benchmark compares it with NORMAL. */
  synchronous?: Synchronous;
  logger?: boolean;
}

export interface RunningRegistry {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export async function startRegistry(options: StartRegistryOptions): Promise<RunningRegistry> {
  const clock = options.clock ?? Date.now;
  const passwordHashing = options.passwordHashing ?? owaspArgon2Params;
  const store = openStore(options.dataDir, { synchronous: options.synchronous });
  let app: FastifyInstance | undefined;
  try {
    const sessionTtlMs = options.sessionTtlMs ?? defaultSessionTtlMs;
    if (options.seed === 'demo') await seedDemo(store, { clock, passwordHashing, sessionTtlMs });
    app = buildApp({
      store,
      clock,
      passwordHashing,
      sessionTtlMs,
      confirmWindowMs: options.confirmWindowMs ?? defaultConfirmWindowMs,
      registryName: options.name ?? defaultRegistryName,
      rateLimits: options.rateLimits,
      httpLimits: options.httpLimits,
      logger: options.logger,
    });
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
    const started = app;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://127.0.0.1:${port}`,
      // Fastify finishes a close (and its onClose hooks) before a second close resolves, so the store always
      // closes last, however often close is called.
      close: () => started.close().then(() => store.close()),
    };
  } catch (error) {
    await app?.close();
    store.close();
    throw error;
  }
}
