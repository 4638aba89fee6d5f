// The account's active API tokens in npm's list shape, one page at a time. npm follows `urls.next` until it is
// empty, joining a relative path onto its --registry, so no host name has to be guessed here.
import { z } from 'zod';
import type { ApiTokenRecord } from '../../store/api-token-repository.ts';
import { iso } from '../iso-time.ts';

export const maxNpmTokensPerPage = 100;

export const NpmTokensQuery = z.object({
  // npm's registry counts pages from 0.
  page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  perPage: z.coerce.number().int().min(1).max(maxNpmTokensPerPage).default(maxNpmTokensPerPage),
});
export type NpmTokensQuery = z.infer<typeof NpmTokensQuery>;

export interface NpmTokenObject {
  token: string;
  key: string;
  name: string;
  cidr_whitelist: string[] | null;
  readonly: boolean;
  created: string;
  updated: string;
}

export interface NpmTokensResponse {
  total: number;
  objects: NpmTokenObject[];
  urls: { next: string };
}

// `token` is the preview: npm shows it as "<token>…" and matches a whole token pasted into `npm token revoke`
// against it. Tokens cannot be edited, so updated is when the token was made.
function npmTokenObject(token: ApiTokenRecord): NpmTokenObject {
  return {
    token: token.preview,
    key: token.key,
    name: token.name,
    cidr_whitelist: token.allowedCidrs.length === 0 ? null : token.allowedCidrs,
    readonly: token.permission === 'read-only',
    created: iso(token.createdAt),
    updated: iso(token.createdAt),
  };
}

export function npmTokensPage(tokens: readonly ApiTokenRecord[], { page, perPage }: NpmTokensQuery): NpmTokensResponse {
  const start = page * perPage;
  const more = start + perPage < tokens.length;
  return {
    total: tokens.length,
    objects: tokens.slice(start, start + perPage).map(npmTokenObject),
    urls: { next: more ? `/-/npm/v1/tokens?page=${page + 1}&perPage=${perPage}` : '' },
  };
}
