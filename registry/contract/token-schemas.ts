// API tokens: the contract's schemas for creating, listing and revoking them and for GET /whoami. A token is
// "vgl_" + 36 base62 characters (registry/security/api-tokens.ts) and is shown once, when created; afterwards the
// registry knows it only by its key (hex SHA-512) and preview (first 8 characters).
import { z } from 'zod';
import { parseCidr } from './cidr.ts';
import { ProjectName } from './project-schemas.ts';
import { Timestamp } from './schemas.ts';
import { tokenLifetimes, tokenPermissions } from './token-lifetimes.ts';

export { tokenLifetimes, tokenPermissions } from './token-lifetimes.ts';
export const TokenPermission = z.enum(tokenPermissions);
export type TokenPermission = z.infer<typeof TokenPermission>;

export const maxTokenProjects = 100;
export const maxAllowedCidrs = 32;

export const apiTokenShape = /^vgl_[A-Za-z0-9]{36}$/;
export const TokenId = z.string().regex(/^[1-9]\d{0,15}$/, 'a token id');
const Key = z.string().regex(/^[0-9a-f]{128}$/);

// Names and descriptions are shown in lists: no control or format characters (newlines in a description only).
const controlCharacters = /[\p{Cc}\p{Cf}]/u;
const TokenName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((name) => !controlCharacters.test(name), 'no control characters');
const TokenDescription = z
  .string()
  .max(500)
  .refine((text) => !controlCharacters.test(text.replace(/\r?\n/g, '')), 'no control characters but line breaks');

// Every range is checked here, so a client validates as the registry does; the registry stores the canonical form.
export const AllowedCidr = z
  .string()
  .max(64)
  .superRefine((text, context) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
  });

/** The projects a token may act on: some of the holder's, by name, or "all" of them (as they are at each use). */
export const TokenProjects = z.union([z.literal('all'), z.array(ProjectName).min(1).max(maxTokenProjects)]);
export type TokenProjects = z.infer<typeof TokenProjects>;

export const CreateTokenRequest = z.strictObject({
  name: TokenName,
  description: TokenDescription.optional(),
  permission: TokenPermission,
  projects: TokenProjects,
  // Within the permission's limits (tokenLifetimes); its default when absent.
  expiresInDays: z.number().int().min(1).max(tokenLifetimes['read-only'].maxDays).optional(),
  // Addresses the token may be used from; none (or an empty list) means any.
  allowedCidrs: z.array(AllowedCidr).max(maxAllowedCidrs).optional(),
  // Marks a token meant to publish without a one-time code (npm's bypass_2fa); the console flags such tokens.
  bypass2fa: z.boolean().optional(),
});
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

const ProjectNames = z.union([z.literal('all'), z.array(z.string())]);

export const TokenInfo = z.object({
  id: TokenId,
  key: Key,
  name: z.string(),
  // Empty when none was given.
  description: z.string(),
  preview: z.string(),
  permission: TokenPermission,
  // Display names of the projects the token covers, or "all".
  projects: ProjectNames,
  // Canonical CIDR ranges; empty means any address.
  allowedCidrs: z.array(z.string()),
  bypass2fa: z.boolean(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  // Updated on every accepted use (by GET /whoami and GET /projects at most once a second per address).
  lastUsed: z.object({ time: Timestamp, ip: z.string() }).nullable(),
  // Whether the account had two-factor authentication on when the token was made.
  createdWith2fa: z.boolean(),
  // Null unless revoked (only GET /tokens?state=all lists revoked tokens).
  revokedAt: Timestamp.nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const CreatedToken = TokenInfo.extend({
  // The token itself: shown this once, never again.
  token: z.string().regex(apiTokenShape),
});
export type CreatedToken = z.infer<typeof CreatedToken>;

export const tokenStates = ['active', 'all'] as const;
export const TokensQuery = z.strictObject({
  // active: neither revoked nor expired (the default); all: every token the account ever made.
  state: z.enum(tokenStates).default('active'),
});
export type TokensQuery = z.infer<typeof TokensQuery>;
export const TokensResponse = z.object({ tokens: z.array(TokenInfo) });
export type TokensResponse = z.infer<typeof TokensResponse>;

export const TokenIdParams = z.strictObject({ id: TokenId });
export const RevokeTokensRequest = z.strictObject({ ids: z.array(TokenId).min(1).max(100) });
export type RevokeTokensRequest = z.infer<typeof RevokeTokensRequest>;
export const RevokeTokensResponse = z.object({ revoked: z.number().int().min(0) });
export type RevokeTokensResponse = z.infer<typeof RevokeTokensResponse>;

export const credentialKinds = ['session', 'token'] as const;
export const WhoamiResponse = z.object({
  username: z.string(),
  via: z.enum(credentialKinds),
  token: z
    .object({ id: TokenId, name: z.string(), permission: TokenPermission, projects: ProjectNames, expiresAt: Timestamp })
    .nullable(),
});
export type WhoamiResponse = z.infer<typeof WhoamiResponse>;
