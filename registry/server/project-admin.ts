// Creating projects and managing their collaborators: the CLI's `project` commands, the demo seed and tests. The
// API has no endpoint for these; a registry's operator makes projects. A name is refused when malformed or when
// it normalises (PEP 503) to an existing project's; every project keeps at least one owner.
import { normalizeProjectName, ProjectName, type ProjectRole } from '../contract/project-schemas.ts';
import { transaction } from '../store/database.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { RegistryStore } from '../store/store.ts';

export type ProjectAdminErrorCode =
  | 'invalid_name'
  | 'duplicate_project'
  | 'unknown_user'
  | 'unknown_project'
  | 'already_collaborator'
  | 'not_a_collaborator'
  | 'last_owner';

export class ProjectAdminError extends Error {
  readonly code: ProjectAdminErrorCode;

  constructor(code: ProjectAdminErrorCode, message: string) {
    super(message);
    this.name = 'ProjectAdminError';
    this.code = code;
  }
}

function accountId(store: RegistryStore, username: string): number {
  const account = store.accounts.findByUsername(username);
  if (!account) throw new ProjectAdminError('unknown_user', `No account is named "${username}"`);
  return account.id;
}

function existingProject(store: RegistryStore, name: string): ProjectRecord {
  const project = ProjectName.safeParse(name).success ? store.projects.findByNormalizedName(normalizeProjectName(name)) : null;
  if (!project) throw new ProjectAdminError('unknown_project', `No project is named "${name}"`);
  return project;
}

/** Creates a project owned by `owner`; its id. */
export function createProject(store: RegistryStore, project: { name: string; owner: string; createdAt: number }): number {
  const { name, owner, createdAt } = project;
  if (!ProjectName.safeParse(name).success) {
    throw new ProjectAdminError(
      'invalid_name',
      'A project name is 1-100 letters, digits, ".", "_" or "-", starting and ending with a letter or digit',
    );
  }
  const normalizedName = normalizeProjectName(name);
  return transaction(store.db, () => {
    const ownerId = accountId(store, owner);
    const clash = store.projects.findByNormalizedName(normalizedName);
    if (clash) {
      const as = clash.name === name ? '' : ` (as "${clash.name}": names differing only in case, ".", "_" or "-" are one)`;
      throw new ProjectAdminError('duplicate_project', `A project named "${name}" already exists${as}`);
    }
    const id = store.projects.insert({ name, normalizedName, createdAt });
    store.projects.addCollaborator(id, ownerId, 'owner', createdAt);
    return id;
  });
}

export function addCollaborator(
  store: RegistryStore,
  change: { project: string; username: string; role: ProjectRole; addedAt: number },
): void {
  transaction(store.db, () => {
    const project = existingProject(store, change.project);
    const id = accountId(store, change.username);
    const role = store.projects.roleOf(project.id, id);
    if (role) throw new ProjectAdminError('already_collaborator', `"${change.username}" is already ${role} of "${project.name}"`);
    store.projects.addCollaborator(project.id, id, change.role, change.addedAt);
  });
}

/** Removes a collaborator; their tokens stop working for the project at once (403 not_a_collaborator). */
export function removeCollaborator(store: RegistryStore, change: { project: string; username: string }): void {
  transaction(store.db, () => {
    const project = existingProject(store, change.project);
    const id = accountId(store, change.username);
    const role = store.projects.roleOf(project.id, id);
    if (!role) throw new ProjectAdminError('not_a_collaborator', `"${change.username}" is not a collaborator on "${project.name}"`);
    if (role === 'owner' && store.projects.countOwners(project.id) === 1) {
      throw new ProjectAdminError('last_owner', `"${change.username}" is the last owner of "${project.name}"; add another owner first`);
    }
    store.projects.removeCollaborator(project.id, id);
  });
}
