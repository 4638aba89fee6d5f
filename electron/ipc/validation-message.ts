// One readable sentence for an invalid IPC request that names the offending field ("otp: six digits"). Zod's
// messages describe expected types and rules, not the values received, so no typed password ends up in it.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export function describeValidationError(error: z.ZodError): string {
  const issue = mostSpecificIssue(error.issues);
  if (!issue) return 'request: invalid';
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  return `${field}: ${issue.message}`.slice(0, 300);
}

// For a union ("an otp or a recovery code") report the branch the request came closest to.
function mostSpecificIssue(issues: readonly Issue[]): Issue | undefined {
  const first = issues[0];
  if (!first || first.code !== 'invalid_union' || first.errors.length === 0) return first;
  const closest = first.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
  const inner = mostSpecificIssue(closest);
  return inner ? { ...inner, path: [...first.path, ...inner.path] } : first;
}
