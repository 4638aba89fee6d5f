// The Tokens page's wording, sorting and filtering, kept pure so the rules are unit tested: relative times, the
// scope in words, what each badge means, the lines to paste into .npmrc or a shell.
import type { TokenRow } from '../bridge/contract.ts';

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

// "in 5 days", "3 hours ago", "now": the largest whole unit, as people say it.
export function relativeTime(iso: string, now: number, locale?: string): string {
  const difference = Date.parse(iso) - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(difference) >= size) return format.format(Math.trunc(difference / size), unit);
  }
  return format.format(0, 'minute');
}

export function scopeText(projects: TokenRow['projects']): string {
  return projects === 'all' ? 'All projects' : projects.join(', ');
}

export type BadgeName = keyof TokenRow['flags'];

export const badges: Record<BadgeName, { label: string; explanation: string }> = {
  expiringSoon: { label: 'Expiring soon', explanation: 'expires within 7 days' },
  stale: { label: 'Stale', explanation: 'unused for 90 days, or never used in the 30 days since it was made' },
  allProjects: { label: 'All projects', explanation: 'can act on every project you have, including new ones' },
  bypasses2fa: { label: 'Bypasses 2FA', explanation: 'publishes without a one-time code' },
  noIpLimit: { label: 'No IP limit', explanation: 'works from any address' },
};
export const badgeNames = Object.keys(badges) as BadgeName[];

export type SortKey = 'name' | 'expiresAt' | 'lastUsed' | 'createdAt';
import type { SortDirection } from '../sort-header.tsx';
export type { SortDirection };

const sortValue: Record<SortKey, (token: TokenRow) => string | number> = {
  name: (token) => token.name.toLocaleLowerCase(),
  expiresAt: (token) => Date.parse(token.expiresAt),
  // Never used sorts as the oldest use.
  lastUsed: (token) => (token.lastUsed ? Date.parse(token.lastUsed.time) : 0),
  createdAt: (token) => Date.parse(token.createdAt),
};

export function sortTokens(tokens: readonly TokenRow[], key: SortKey, direction: SortDirection): TokenRow[] {
  const value = sortValue[key];
  const sign = direction === 'ascending' ? 1 : -1;
  return [...tokens].sort((a, b) => {
    const [left, right] = [value(a), value(b)];
    return (left < right ? -1 : left > right ? 1 : a.name.localeCompare(b.name)) * sign;
  });
}

export interface TokenFilter {
  text: string;
  permission: 'any' | TokenRow['permission'];
  badge: 'any' | BadgeName;
}

export const noFilter: TokenFilter = { text: '', permission: 'any', badge: 'any' };

export function filterTokens(tokens: readonly TokenRow[], filter: TokenFilter): TokenRow[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  return tokens.filter(
    (token) =>
      (filter.permission === 'any' || token.permission === filter.permission) &&
      (filter.badge === 'any' || token.flags[filter.badge]) &&
      (needle === '' || [token.name, token.description, scopeText(token.projects)].some((text) => text.toLocaleLowerCase().includes(needle))),
  );
}

// The line npm reads a registry's token from: keyed by the registry URL without its scheme ("nerf dart").
export function npmrcLine(registryUrl: string, token: string): string {
  const url = new URL(registryUrl);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `//${url.host}${path}:_authToken=${token}`;
}

export function environmentLine(token: string): string {
  return `export VIGIL_TOKEN=${token}`;
}

export function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// The Overview's one line about the tokens worth a look, or null when none is: "2 stale, 1 bypasses 2FA.".
const warningWords: Array<[BadgeName, string, string]> = [
  ['stale', 'stale', 'stale'],
  ['bypasses2fa', 'bypasses 2FA', 'bypass 2FA'],
  ['allProjects', 'reaches all projects', 'reach all projects'],
  ['expiringSoon', 'expires within 7 days', 'expire within 7 days'],
];

export function tokenWarningsText(tokens: readonly TokenRow[]): string | null {
  const parts = warningWords.flatMap(([name, one, several]) => {
    const count = tokens.filter((token) => token.flags[name]).length;
    return count === 0 ? [] : [`${count} ${count === 1 ? one : several}`];
  });
  return parts.length === 0 ? null : `${parts.join(', ')}.`;
}
