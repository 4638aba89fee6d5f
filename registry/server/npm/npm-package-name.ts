// The package name in npm's package routes (PUT and GET /<name>, /-/package/<name>/...): a scoped name arrives
// escaped (@scope%2fname) and the router decodes it, so the route's pattern admits "@" and "/". Projects here have
// no scope, so only a valid project name names one; anything else is npm's 404 in npm's shape.
import type { FastifyRequest } from 'fastify';
import { projectNamePattern } from '../../contract/project-schemas.ts';
import { ApiError } from '../errors.ts';

// Matched against the decoded segment, and simple enough for the router's safe-regex check; packageName() below is
// the exact test.
export const packageNameParameter = ':name(^[A-Za-z0-9@][A-Za-z0-9._/-]*$)';
export const packageNameRoute = `/${packageNameParameter}`;

const noSuchProject = () =>
  new ApiError(404, 'not_found', 'No project has that name (project names here are letters, digits, ".", "_" and "-", with no @scope)');

/** The package name in the path, when it can be a project's name at all. */
export function packageName(request: FastifyRequest): string {
  const { name } = request.params as { name: string };
  if (!projectNamePattern.test(name)) throw noSuchProject();
  return name;
}
