// The Create token form's state and its checks, pure so they are unit tested: what the form holds, the request it
// becomes, and each field's problem in words. IP ranges are checked with the registry's own parser as they are
// typed; lifetimes with the registry's own limits.
import { parseCidr } from '../../../registry/contract/cidr.ts';
import { tokenLifetimes } from '../../../registry/contract/token-lifetimes.ts';
import type { NewTokenRequest, TokenRow } from '../bridge/contract.ts';

export const presetDays = [7, 30, 90] as const;
const day = 86_400_000;

export interface TokenForm {
  name: string;
  description: string;
  permission: TokenRow['permission'];
  scope: 'chosen' | 'all';
  projects: string[];
  expiry: `${(typeof presetDays)[number]}` | 'date';
  date: string;
  ranges: string;
  bypass2fa: boolean;
}

export const emptyTokenForm: TokenForm = {
  name: '',
  description: '',
  permission: 'read-only',
  scope: 'chosen',
  projects: [],
  expiry: '30',
  date: '',
  ranges: '',
  bypass2fa: false,
};

export type FormProblems = Partial<Record<'name' | 'projects' | 'expiry' | 'ranges', string>>;

export function maxDays(permission: TokenRow['permission']): number {
  return tokenLifetimes[permission].maxDays;
}

// yyyy-mm-dd in local time, as <input type="date"> speaks.
export function dateInputValue(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Whole days from today to the chosen date (local calendar days), or null for no date.
export function daysUntil(date: string, now: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const today = new Date(now);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - start) / day);
}

export function expiryDays(form: TokenForm, now: number): number | null {
  return form.expiry === 'date' ? daysUntil(form.date, now) : Number(form.expiry);
}

// One problem per non-empty line: "Line 2: …".
export function rangeLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function rangeProblem(text: string): string | undefined {
  const lines = rangeLines(text);
  for (const [index, line] of lines.entries()) {
    const parsed = parseCidr(line);
    if (!parsed.ok) return `"${line}" (range ${index + 1}): ${parsed.message}.`;
  }
  return lines.length > 32 ? 'At most 32 ranges.' : undefined;
}

export function formProblems(form: TokenForm, now: number): FormProblems {
  const problems: FormProblems = {};
  const name = form.name.trim();
  if (name === '') problems.name = 'Give the token a name, so you can tell it apart later.';
  else if (name.length > 64) problems.name = 'At most 64 characters.';
  if (form.scope === 'chosen' && form.projects.length === 0) problems.projects = 'Choose at least one project, or all projects.';
  const days = expiryDays(form, now);
  const limit = maxDays(form.permission);
  if (days === null) problems.expiry = 'Pick a date.';
  else if (days < 1) problems.expiry = 'Pick a date after today.';
  else if (days > limit) problems.expiry = `A ${form.permission} token lasts at most ${limit} days.`;
  const ranges = rangeProblem(form.ranges);
  if (ranges) problems.ranges = ranges;
  return problems;
}

export function toRequest(form: TokenForm, now: number): NewTokenRequest {
  const description = form.description.trim();
  const ranges = rangeLines(form.ranges);
  return {
    name: form.name.trim(),
    ...(description ? { description } : {}),
    permission: form.permission,
    projects: form.scope === 'all' ? 'all' : form.projects,
    expiresInDays: expiryDays(form, now) ?? undefined,
    ...(ranges.length > 0 ? { allowedCidrs: ranges } : {}),
    // Only a token that can publish has a second factor to bypass.
    ...(form.permission === 'read-write' && form.bypass2fa ? { bypass2fa: true } : {}),
  };
}
