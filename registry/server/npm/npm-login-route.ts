// `npm login --auth-type=legacy` / `npm adduser`: PUT /-/user/org.couchdb.user:<name> with {name, password}. It
// signs in through the same service as POST /api/v1/session (rate limits, dummy hash, events, second factor) and
// answers npm's {ok, token} with a session token. With 2FA on, the code comes in the npm-otp header; without one
// the service's 401 carries WWW-Authenticate: OTP, which is what makes npm ask for it (or fail with EOTP).
// Registering new users this way is not offered: accounts are made with the registry's CLI.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SessionRequest } from '../../contract/schemas.ts';
import { ApiError } from '../errors.ts';
import { requestContext } from '../request-context.ts';
import type { SignInService } from '../sign-in.ts';
import { parseWith } from '../validation.ts';

const couchUserPrefix = 'org.couchdb.user:';

// npm sends more (_id, type, roles, date, email for adduser); only these are read.
const NpmLoginBody = z.object({ name: z.string(), password: z.string() });

export function registerNpmLoginRoute(scope: FastifyInstance, signIn: SignInService): void {
  scope.put('/-/user/:couchId', async (request, reply) => {
    const { couchId } = request.params as { couchId: string };
    if (!couchId.startsWith(couchUserPrefix)) throw new ApiError(404, 'not_found', `No route for PUT /-/user/${couchId}`);
    const body = parseWith(NpmLoginBody, request.body, 'body');
    if (body.name !== couchId.slice(couchUserPrefix.length)) {
      throw new ApiError(400, 'invalid_request', 'The name in the body must match the user in the path');
    }
    const otp = request.headers['npm-otp'];
    const credentials = parseWith(
      SessionRequest,
      { username: body.name, password: body.password, ...(typeof otp === 'string' ? { otp: otp.trim() } : {}) },
      'body',
    );
    const session = await signIn.signIn(credentials, requestContext(request));
    return reply.code(201).send({ ok: true, token: session.token });
  });
}
