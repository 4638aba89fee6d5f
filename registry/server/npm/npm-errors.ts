// Errors on the npm-facing routes. npm prints a failed response as "<status> <text> - <method> <url>" followed by
// the body's `error` field when that is a string, so these routes answer {"error": "<message>", "code"} rather
// than the JSON API's {"error": {"code", "message"}}: the user then reads the registry's own explanation. Status
// and headers (WWW-Authenticate: OTP, Retry-After) are the JSON API's, which npm already understands, except a
// Bearer challenge: npm answers one with its generic "your authentication token seems to be invalid" and drops
// the message (revoked? expired? wrong address?) that says what to do.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../../contract/schemas.ts';
import { ApiError, apiErrorOf } from '../errors.ts';

export interface NpmErrorBody {
  error: string;
  code: ErrorCode;
}

/**
 * Installs the npm error shape on `scope` (an encapsulated plugin: the JSON API keeps its own). `translate` may
 * answer Fastify's own errors in a route's terms (the publish route's body limit is not the app's 64 KiB).
 */
export function installNpmErrorHandling(scope: FastifyInstance, translate: (error: FastifyError) => ApiError | null = () => null): void {
  scope.setErrorHandler<FastifyError>((error, request, reply) => {
    const apiError = (error instanceof ApiError ? null : translate(error)) ?? apiErrorOf(error, request);
    const body: NpmErrorBody = { error: apiError.message, code: apiError.code };
    const headers = Object.fromEntries(
      Object.entries(apiError.headers).filter(([name, value]) => !(name.toLowerCase() === 'www-authenticate' && /^Bearer\b/i.test(value))),
    );
    return reply.code(apiError.statusCode).headers(headers).send(body);
  });
}
