// Errors on the npm-facing routes. npm prints a failed response as "<status> <text> - <method> <url>" followed by
// the body's `error` field when that is a string, so these routes answer {"error": "<message>", "code"} rather
// than the JSON API's {"error": {"code", "message"}}: the user then reads the registry's own explanation. Status
// and headers (WWW-Authenticate: OTP, Retry-After) are the JSON API's, which npm already understands, except a
// Bearer challenge: npm answers one with its generic "your authentication token seems to be invalid" and drops
// the message (revoked? expired? wrong address?) that says what to do.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../../contract/schemas.ts';
import { apiErrorOf } from '../errors.ts';

export interface NpmErrorBody {
  error: string;
  code: ErrorCode;
}

/** Installs the npm error shape on `scope` (an encapsulated plugin: the JSON API keeps its own). */
export function installNpmErrorHandling(scope: FastifyInstance): void {
  scope.setErrorHandler<FastifyError>((error, request, reply) => {
    const apiError = apiErrorOf(error, request);
    const body: NpmErrorBody = { error: apiError.message, code: apiError.code };
    const headers = Object.fromEntries(
      Object.entries(apiError.headers).filter(([name, value]) => !(name.toLowerCase() === 'www-authenticate' && /^Bearer\b/i.test(value))),
    );
    return reply.code(apiError.statusCode).headers(headers).send(body);
  });
}
