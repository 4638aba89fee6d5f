// Publishing a release, in two steps around the upload. Before the artifact is read, everything that needs only
// the path is checked, the credential's own limits first and then the project: a token must be read-write and
// cover the project (else read_only_token, out_of_scope), the project must exist (else 404 not_found: project
// names are public on any registry, so saying that one exists gives nothing away), the caller must be its owner
// or maintainer (else 403 not_a_collaborator), the version must be new (else 409 release_exists), and the
// project's publish policy must be met (publish-policy.ts: 2FA, a one-time code). Once the artifact has arrived,
// which may take a while, the same facts are checked again in the transaction that writes the release: a token
// revoked, a collaborator removed or a policy turned on during the upload publishes nothing.
//
// Two routes publish through here, the JSON API's PUT /projects/{name}/releases/{version} and npm's PUT /<name>
// (npm/npm-publish-route.ts), so both refuse and record alike. npm's version travels in the body, so its checks
// before the upload leave the version out; the transaction that writes the release checks it all the same.
import { createHash } from 'node:crypto';
import { maxArtifactBytes, normalizeProjectName, ReleaseParams, type ReleaseResponse } from '../contract/project-schemas.ts';
import { transaction } from '../store/database.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { AppContext } from './app-context.ts';
import type { Caller } from './caller.ts';
import { otpRequiredError } from './attempt-errors.ts';
import { ApiError } from './errors.ts';
import { iso } from './iso-time.ts';
import type { RequestContext } from './request-context.ts';
import type { CallerCall } from './route-registration.ts';
import { checkPublishPolicy, policyProblemNow, type OtpHint, type SecondFactor } from './publish-policy.ts';
import { invalidTokenError, type TokenRefusalReason } from './token-refusals.ts';
import { parseWith } from './validation.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'tokenRefusals' | 'releaseRefusals' | 'limits' | 'tallies'>;

/** A project the caller may publish to, and how its policy was met before the upload. */
export interface AuthorizedProject {
  project: ProjectRecord;
  secondFactor: SecondFactor;
}

export interface PublishTarget extends AuthorizedProject {
  version: string;
}

type Problem =
  | { kind: 'token'; reason: TokenRefusalReason }
  | { kind: 'error'; error: ApiError }
  | { kind: 'without2fa'; username: string; project: ProjectRecord; version: string };

const notFound = () => new ApiError(404, 'not_found', 'No project has that name');
const releaseExists = (version: string) =>
  new ApiError(409, 'release_exists', `Version ${version} of this project was published already; versions are never reused`);
/** The answer to an artifact over maxArtifactBytes, whichever route it came by. */
export const artifactTooLarge = () => new ApiError(413, 'payload_too_large', 'The artifact is larger than 10 MiB');
const notACollaborator = (project: string) =>
  new ApiError(403, 'not_a_collaborator', `You are not a collaborator on project "${project}"`);

function fail(deps: Dependencies, caller: Caller, problem: Problem, who: RequestContext, now: number, project: string): never {
  if (problem.kind === 'error') throw problem.error;
  if (problem.kind === 'without2fa') {
    const { username, version } = problem;
    throw deps.releaseRefusals.refuseWithout2fa({ caller, username, project: problem.project, version, who, now });
  }
  // A token problem is only ever found for a token call.
  if (!caller.token) throw new Error('a token refusal without a token');
  throw deps.tokenRefusals.refuse(caller.token, problem.reason, who, now, project);
}

/** The checks before the upload (see the top) for the JSON API, whose path names both project and version. */
export async function authorizePublish(deps: Dependencies, call: CallerCall): Promise<PublishTarget> {
  const params = parseWith(ReleaseParams, call.request.params, 'path');
  return { ...(await authorizePublishTo(deps, call, params.name, params.version, 'header')), version: params.version };
}

/**
 * The checks before the upload for a project named `name` (any normalised spelling of a valid project name) and,
 * when it is known by then, `version` (null: checked only when the release is written). `hint` says how the
 * route's clients send a one-time code, for the message that asks for one.
 */
export async function authorizePublishTo(
  deps: Dependencies,
  call: CallerCall,
  name: string,
  version: string | null,
  hint: OtpHint,
): Promise<AuthorizedProject> {
  const { caller, who, now } = call;
  const project = deps.store.projects.findByNormalizedName(normalizeProjectName(name));
  const problem = tokenProblem(deps, caller, project) ?? (project ? collaboratorAndVersion(deps, caller, project, version) : null);
  if (problem) fail(deps, caller, problem, who, now, project?.name ?? name);
  if (!project) throw notFound();
  return { project, secondFactor: await checkPublishPolicy(deps, call, project, version, hint) };
}

// What the token itself allows, whatever the project: publishing at all, and this project (an unknown one is
// not among a token's projects either).
function tokenProblem(deps: Dependencies, caller: Caller, project: ProjectRecord | null): Problem | null {
  if (!caller.token) return null;
  if (caller.token.permission !== 'read-write') return { kind: 'token', reason: 'read_only_token' };
  const covered = caller.token.allProjects || (project !== null && deps.store.apiTokens.names(caller.token.id, project.id));
  return covered ? null : { kind: 'token', reason: 'out_of_scope' };
}

function collaboratorAndVersion(deps: Dependencies, caller: Caller, project: ProjectRecord, version: string | null): Problem | null {
  if (!deps.store.projects.roleOf(project.id, caller.accountId)) {
    return caller.token ? { kind: 'token', reason: 'not_a_collaborator' } : { kind: 'error', error: notACollaborator(project.name) };
  }
  if (version !== null && deps.store.releases.exists(project.id, version)) return { kind: 'error', error: releaseExists(version) };
  return null;
}

// The credential as it is now, read in the publishing transaction.
function credentialProblem(deps: Dependencies, caller: Caller, now: number): Problem | null {
  if (caller.session) {
    if (deps.store.sessions.isActive(caller.session.sessionId, now)) return null;
    return { kind: 'error', error: new ApiError(401, 'unauthenticated', 'The session ended or expired during the upload; sign in again') };
  }
  const token = deps.store.apiTokens.findById(caller.token.id);
  if (!token) return { kind: 'error', error: invalidTokenError() };
  if (token.revokedAt !== null) return { kind: 'token', reason: 'token_revoked' };
  if (now >= token.expiresAt) return { kind: 'token', reason: 'token_expired' };
  return null;
}

// The policy as it is now (turned on during the upload?), against how it was met before the upload.
function policyProblem(deps: Dependencies, target: PublishTarget, caller: Caller): Problem | null {
  const problem = policyProblemNow(deps.store, caller, target.project.id, target.secondFactor);
  if (problem === null) return null;
  if (problem.reason === 'two_factor_required') {
    return { kind: 'without2fa', username: problem.username, project: target.project, version: target.version };
  }
  const error = otpRequiredError(
    `Publishing "${target.project.name}" started requiring a one-time password during the upload: publish again with one`,
  );
  return { kind: 'error', error };
}

/** Writes the release once the artifact has arrived, checking again first (see the top). */
export function publishRelease(deps: Dependencies, call: CallerCall, target: PublishTarget, artifact: Buffer): ReleaseResponse {
  const { store, clock } = deps;
  const { caller, who } = call;
  if (artifact.length === 0) throw new ApiError(400, 'invalid_request', 'The artifact is empty');
  // The route's body limit is the first bound; npm's artifact arrives inside a larger JSON body, so it is decoded
  // and measured here.
  if (artifact.length > maxArtifactBytes) throw artifactTooLarge();
  const sha256 = createHash('sha256').update(artifact).digest('hex');
  const { project, version } = target;
  const now = clock();
  const outcome = transaction(store.db, (): { problem: Problem } | { published: ReleaseResponse } => {
    const problem =
      credentialProblem(deps, caller, now) ?? collaboratorAndVersion(deps, caller, project, version) ?? policyProblem(deps, target, caller);
    if (problem) return { problem };
    store.releases.insert({
      projectId: project.id,
      version,
      sha256,
      artifact,
      publishedAt: now,
      publishedBy: caller.accountId,
      tokenId: caller.token?.id ?? null,
    });
    store.events.append({
      accountId: caller.accountId,
      type: 'release.published',
      time: now,
      ...who,
      details: {
        project: project.name,
        version,
        via: caller.via,
        tokenId: caller.token ? String(caller.token.id) : null,
        tokenName: caller.token?.name ?? null,
      },
    });
    return { published: { project: project.name, version, sha256, size: artifact.length, publishedAt: iso(now) } };
  });
  // Refusals are logged outside the transaction, which wrote nothing.
  if ('problem' in outcome) fail(deps, caller, outcome.problem, who, now, project.name);
  return outcome.published;
}
