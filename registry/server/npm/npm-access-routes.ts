// `npm access` for a project: `npm access set mfa=none|publish|automation <pkg>` (POST /-/package/<name>/access)
// and `npm access list collaborators <pkg>` (GET /-/package/<name>/collaborators). libnpmaccess sends the policy
// as npm's registry takes it: {"publish_requires_tfa": false} for none, {true, "automation_token_overrides_tfa":
// false} for publish, {true, true} for automation; it reads nothing back (any 2xx). The list is
// {"<username>": "read-write"}: owners and maintainers alike can publish.
//
// Setting the policy is the JSON API's PUT /projects/{name}/policy (project-management.ts: owners only, the same
// event), with npm's own proof that the person is there, since npm cannot confirm access: with 2FA on, a current
// one-time code in npm-otp (npm asks for one after a 401 with WWW-Authenticate: OTP, as npm's registry does for
// such changes); without 2FA, a session that signed in within the confirmation window (a fresh `npm login`).
// Sessions only: a token cannot change how a project is published. Listing takes a token too, as reading does.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { policyOfLevel } from '../../contract/estate-schemas.ts';
import type { AppContext } from '../app-context.ts';
import { requireSession, type AuthenticatedSession } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { collaboratorsOf } from '../estate-json.ts';
import { ownedProject, visibleProject } from '../project-access.ts';
import { changePolicy } from '../project-management.ts';
import { requestContext } from '../request-context.ts';
import { addCallerRouteAt } from '../route-registration.ts';
import { sessionAccount } from '../session-account.ts';
import { parseWith } from '../validation.ts';
import { requireNpmOtp } from './npm-otp.ts';
import { packageName, packageNameParameter } from './npm-package-name.ts';

// npm access set status=public|private sends {access}; every project here is public, and npm allows that command
// for scoped packages only, which name no project here.
const NpmAccessBody = z.strictObject({
  publish_requires_tfa: z.boolean(),
  automation_token_overrides_tfa: z.boolean().optional(),
});

function unconfirmed(): ApiError {
  return new ApiError(
    403,
    'confirmation_required',
    'Changing how a project is published needs a recent sign-in for an account without 2FA: run npm login again, then retry',
  );
}

export function registerNpmAccessRoutes(scope: FastifyInstance, context: AppContext): void {
  const { store, clock } = context;

  scope.post(`/-/package/${packageNameParameter}/access`, async (request) => {
    const session: AuthenticatedSession = requireSession(request, store, clock());
    const name = packageName(request);
    const body = parseWith(NpmAccessBody, request.body, 'body');
    const level = !body.publish_requires_tfa ? 'none' : body.automation_token_overrides_tfa ? 'automation' : 'publish';
    const who = requestContext(request);
    // Ownership first, so a code is not spent on a project the caller cannot change; checked again as it changes.
    ownedProject(store, session.accountId, name);
    if (sessionAccount(store, session).totpSecret !== null) await requireNpmOtp(context, session, request, who);
    else if (session.confirmedUntil <= clock()) throw unconfirmed();
    const policy = changePolicy(context, { accountId: session.accountId, who }, name, policyOfLevel(level));
    return { publish_requires_tfa: policy.publishRequires2fa, automation_token_overrides_tfa: policy.automationTokensBypass2fa };
  });

  addCallerRouteAt(scope, context, { method: 'GET', url: `/-/package/${packageNameParameter}/collaborators` }, async ({ request, caller }) => {
    const { project } = visibleProject(store, caller, packageName(request));
    const collaborators = collaboratorsOf(store, caller.accountId, project.id);
    return Object.fromEntries(collaborators.map((collaborator) => [collaborator.username, 'read-write']));
  });
}
