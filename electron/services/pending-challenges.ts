// Second-factor challenges waiting for a code. The password the user typed stays here, in main's memory only, so
// the renderer can forget it as soon as the registry asks for a second factor; it is gone after five minutes, on
// success, or when the app quits.
import { randomBytes } from 'node:crypto';

export interface PendingSignIn {
  registryUrl: string;
  username: string;
  password: string;
}

export interface PendingChallenges {
  create(pending: PendingSignIn): string;
  // Null when unknown or expired.
  get(challengeId: string): PendingSignIn | null;
  delete(challengeId: string): void;
  clear(): void;
  readonly size: number;
}

export const challengeTtlMs = 5 * 60_000;
// Each challenge is a password in memory; a renderer that keeps asking must not grow that set without bound.
const maxPending = 16;

export function createPendingChallenges(options: { now?: () => number; ttlMs?: number } = {}): PendingChallenges {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? challengeTtlMs;
  const entries = new Map<string, { pending: PendingSignIn; expiresAt: number; timer: NodeJS.Timeout }>();

  function remove(challengeId: string): void {
    const entry = entries.get(challengeId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entries.delete(challengeId);
  }

  function sweep(): void {
    const time = now();
    for (const [id, entry] of entries) if (entry.expiresAt <= time) remove(id);
  }

  return {
    create(pending) {
      sweep();
      while (entries.size >= maxPending) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        remove(oldest);
      }
      const challengeId = randomBytes(24).toString('base64url');
      // The timer only wipes the password from memory on time; expiry itself is decided by the clock in get().
      const timer = setTimeout(() => remove(challengeId), ttlMs);
      timer.unref();
      entries.set(challengeId, { pending: { ...pending }, expiresAt: now() + ttlMs, timer });
      return challengeId;
    },
    get(challengeId) {
      sweep();
      return entries.get(challengeId)?.pending ?? null;
    },
    delete: remove,
    clear() {
      for (const id of [...entries.keys()]) remove(id);
    },
    get size() {
      return entries.size;
    },
  };
}
