// What a project's owners change: its publish policy (the JSON API and `npm access set mfa=...`) and its
// collaborators. Each change is one transaction that first checks, on the data as it is then, that the actor owns
// the project (project-access.ts), and logs it for the actor, the owners and the collaborator concerned
// (project-events.ts). A change that changes nothing logs nothing. The routes decide how the actor proves they are
// present (Confirm access on the JSON API, a one-time code or a fresh sign-in on npm's).
import { policyLevel, type Collaborator, type ProjectPolicy } from '../contract/estate-schemas.ts';
import type { ProjectRole } from '../contract/project-schemas.ts';
import { transaction } from '../store/database.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { AppContext } from './app-context.ts';
import { ApiError } from './errors.ts';
import { collaboratorsOf } from './estate-json.ts';
import { ownedProject } from './project-access.ts';
import { addCollaboratorTo, ProjectAdminError, removeCollaboratorFrom } from './project-admin.ts';
import { appendProjectEvent } from './project-events.ts';
import type { RequestContext } from './request-context.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock'>;

export interface Actor {
  accountId: number;
  who: RequestContext;
}

function actorOf(deps: Dependencies, actor: Actor) {
  return { id: actor.accountId, username: deps.store.accounts.usernameOf(actor.accountId) ?? '' };
}

const projectRef = (project: ProjectRecord) => ({ id: project.id, name: project.name });

/** Sets the policy of a project the actor owns; the policy as stored (see ProjectPolicy). */
export function changePolicy(deps: Dependencies, actor: Actor, name: string, policy: ProjectPolicy): ProjectPolicy {
  const { store } = deps;
  return transaction(store.db, () => {
    const project = ownedProject(store, actor.accountId, name);
    store.projects.setPolicy(project.id, policy);
    const after = store.projects.findById(project.id)!.policy;
    const [before, now] = [policyLevel(project.policy), policyLevel(after)];
    if (before !== now) {
      appendProjectEvent(store, {
        type: 'project.policy_changed',
        project: projectRef(project),
        actor: actorOf(deps, actor),
        time: deps.clock(),
        who: actor.who,
        details: { before, after: now },
      });
    }
    return after;
  });
}

// The shared admin checks' refusals, in the API's terms. Messages are the API's own: the admin ones quote the
// username as typed, and a message never echoes what was not validated.
function apiError(error: unknown, project: string): unknown {
  if (!(error instanceof ProjectAdminError)) return error;
  switch (error.code) {
    case 'unknown_user':
      return new ApiError(404, 'not_found', 'No account has that username');
    case 'not_a_collaborator':
      return new ApiError(404, 'not_found', `That account does not collaborate on "${project}"`);
    case 'already_collaborator':
      return new ApiError(409, 'already_collaborator', error.message);
    case 'last_owner':
      return new ApiError(409, 'last_owner', error.message);
    case 'two_factor_required':
      return new ApiError(403, 'two_factor_required', error.message);
    default:
      return error;
  }
}

/** Adds a collaborator to a project the actor owns; the new collaborator as the project's page shows them. */
export function addProjectCollaborator(
  deps: Dependencies,
  actor: Actor,
  name: string,
  change: { username: string; role: ProjectRole },
): Collaborator {
  const { store } = deps;
  return transaction(store.db, () => {
    const project = ownedProject(store, actor.accountId, name);
    const time = deps.clock();
    let added;
    try {
      added = addCollaboratorTo(store, project, { ...change, addedAt: time });
    } catch (error) {
      throw apiError(error, project.name);
    }
    appendProjectEvent(store, {
      type: 'collaborator.added',
      project: projectRef(project),
      actor: actorOf(deps, actor),
      subjectId: added.id,
      time,
      who: actor.who,
      details: { username: added.username, role: change.role },
    });
    // Read back in the same transaction: an account added back may have published before.
    const collaborator = collaboratorsOf(store, actor.accountId, project.id).find((entry) => entry.username === added.username);
    if (!collaborator) throw new Error('a collaborator just added is not listed');
    return collaborator;
  });
}

/** Removes a collaborator from a project the actor owns (the actor themselves included, unless the last owner). */
export function removeProjectCollaborator(deps: Dependencies, actor: Actor, name: string, username: string): void {
  const { store } = deps;
  transaction(store.db, () => {
    const project = ownedProject(store, actor.accountId, name);
    let removed;
    try {
      removed = removeCollaboratorFrom(store, project, username);
    } catch (error) {
      throw apiError(error, project.name);
    }
    appendProjectEvent(store, {
      type: 'collaborator.removed',
      project: projectRef(project),
      actor: actorOf(deps, actor),
      subjectId: removed.account.id,
      time: deps.clock(),
      who: actor.who,
      details: { username: removed.account.username, role: removed.role },
    });
  });
}
