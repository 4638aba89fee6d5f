// How long API tokens live, apart from the zod schemas so the console's form can check lifetimes as typed
// without bundling zod.
export const tokenPermissions = ['read-only', 'read-write'] as const;

/**
 * How long a token lasts when expiresInDays is not given, and at most. Write tokens are short-lived as npm's
 * have been since 2025 (at most 90 days, a week unless asked); read-only tokens, which cannot change anything,
 * default to 30 days and may last a year.
 */
export const tokenLifetimes = {
  'read-write': { defaultDays: 7, maxDays: 90 },
  'read-only': { defaultDays: 30, maxDays: 365 },
} as const satisfies Record<(typeof tokenPermissions)[number], { defaultDays: number; maxDays: number }>;

