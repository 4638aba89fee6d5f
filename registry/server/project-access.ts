// Who may see a project and who may manage it. Seeing (GET /projects/{name}, npm's collaborators list and package
// document) is for its owners and maintainers, and with an API token only for a project the token covers, as a
// token lists only those; anyone else is told there is no such project of theirs (404 not_found), whether it
// exists or not. Managing (policy, collaborators) is for its owners: a maintainer gets 403 owner_required.
import { normalizeProjectName, type ProjectRole } from '../contract/project-schemas.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { Caller } from './caller.ts';
import { ApiError } from './errors.ts';

/** `name` must be a valid project name (checked by the route's params): it is quoted back. */
export const notYourProject = (name: string) =>
  new ApiError(404, 'not_found', `You have no project named "${name}" (or, with an API token, none it covers)`);

/** The project named `name` (any normalised spelling) and the caller's role on it, when the caller may see it. */
export function visibleProject(store: RegistryStore, caller: Caller, name: string): { project: ProjectRecord; role: ProjectRole } {
  const project = store.projects.findByNormalizedName(normalizeProjectName(name));
  const role = project ? store.projects.roleOf(project.id, caller.accountId) : null;
  if (!project || !role) throw notYourProject(name);
  const { token } = caller;
  if (token && !token.allProjects && !store.apiTokens.names(token.id, project.id)) throw notYourProject(name);
  return { project, role };
}

/** The project named `name`, when the account owns it. Call inside the transaction that changes it. */
export function ownedProject(store: RegistryStore, accountId: number, name: string): ProjectRecord {
  const project = store.projects.findByNormalizedName(normalizeProjectName(name));
  const role = project ? store.projects.roleOf(project.id, accountId) : null;
  if (!project || !role) throw notYourProject(name);
  if (role !== 'owner') {
    throw new ApiError(403, 'owner_required', `Only an owner of "${project.name}" can change its policy or collaborators; you maintain it`);
  }
  return project;
}
