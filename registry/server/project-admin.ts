// Creating projects and managing their collaborators: the CLI's `project` commands, the demo seed and tests, and
// (through the *To/*From functions, inside a transaction of their own) the owners' API (project-management.ts).
// The API cannot create projects; a registry's operator makes them. A name is refused when malformed or when it
// normalises (PEP 503) to an existing project's; every project keeps at least one owner; and while a project
// requires 2FA for publishing, an account without 2FA cannot be added to it, even by the operator.
import { normalizeProjectName, ProjectName, type ProjectRole } from '../contract/project-schemas.ts';
import { transaction } from '../store/database.ts';
import type { AccountRecord } from '../store/account-repository.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { RegistryStore } from '../store/store.ts';

export type ProjectAdminErrorCode =
  | 'invalid_name'
  | 'duplicate_project'
  | 'unknown_user'
  | 'unknown_project'
  | 'already_collaborator'
  | 'not_a_collaborator'
  | 'last_owner'
  | 'two_factor_required';

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
  transaction(store.db, () => addCollaboratorTo(store, existingProject(store, change.project), change));
}

/** Removes a collaborator; their tokens stop working for the project at once (403 not_a_collaborator). */
export function removeCollaborator(store: RegistryStore, change: { project: string; username: string }): void {
  transaction(store.db, () => removeCollaboratorFrom(store, existingProject(store, change.project), change.username));
}

/** Adds `username` to `project` (as read in the caller's transaction); the account added. */
export function addCollaboratorTo(
  store: RegistryStore,
  project: ProjectRecord,
  change: { username: string; role: ProjectRole; addedAt: number },
): AccountRecord {
  const account = store.accounts.findByUsername(change.username);
  if (!account) throw new ProjectAdminError('unknown_user', `No account is named "${change.username}"`);
  const role = store.projects.roleOf(project.id, account.id);
  if (role) throw new ProjectAdminError('already_collaborator', `"${account.username}" is already ${role} of "${project.name}"`);
  if (project.policy.publishRequires2fa && account.totpSecret === null) {
    throw new ProjectAdminError(
      'two_factor_required',
      `"${account.username}" has no two-factor authentication, and publishing "${project.name}" requires it: they turn it on first`,
    );
  }
  store.projects.addCollaborator(project.id, account.id, change.role, change.addedAt);
  return account;
}

/** Removes `username` from `project` (in the caller's transaction); the account and the role it had. */
export function removeCollaboratorFrom(store: RegistryStore, project: ProjectRecord, username: string): { account: AccountRecord; role: ProjectRole } {
  const account = store.accounts.findByUsername(username);
  if (!account) throw new ProjectAdminError('unknown_user', `No account is named "${username}"`);
  const role = store.projects.roleOf(project.id, account.id);
  if (!role) throw new ProjectAdminError('not_a_collaborator', `"${account.username}" is not a collaborator on "${project.name}"`);
  if (role === 'owner' && store.projects.countOwners(project.id) === 1) {
    throw new ProjectAdminError('last_owner', `"${account.username}" is the last owner of "${project.name}"; add another owner first`);
  }
  store.projects.removeCollaborator(project.id, account.id);
  return { account, role };
}
