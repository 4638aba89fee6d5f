// Request bodies, queries and path parameters are parsed with the contract's zod schemas; a failure becomes 400
// invalid_request whose message names the offending fields (never their values, which may be secrets).
import type { z } from 'zod';
import { ApiError } from './errors.ts';

function describeIssue(issue: z.core.$ZodIssue, where: string): string {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `${where} has unknown field(s): ${issue.keys.join(', ')}`;
  return field ? `${field}: ${issue.message}` : `${where}: ${issue.message}`;
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'path'): z.output<T> {
  if (where === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new ApiError(400, 'invalid_request', 'Request body must be a JSON object');
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues.map((issue) => describeIssue(issue, where)).join('; ');
  throw new ApiError(400, 'invalid_request', message);
}
