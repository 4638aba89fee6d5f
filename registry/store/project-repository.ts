// Projects, their publish policy and their collaborators. A project is found by its normalised name (PEP 503) and
// shown by the name it was created with; each collaborator is an owner or a maintainer, and either may publish.
// Listing a caller's projects with everything about them is store/estate-repository.ts's job.
import type { DatabaseSync } from 'node:sqlite';
import type { ProjectPolicy } from '../contract/estate-schemas.ts';
import type { ProjectRole } from '../contract/project-schemas.ts';
import { statement } from './statement-cache.ts';

export interface ProjectRecord {
  id: number;
  name: string;
  normalizedName: string;
  createdAt: number;
  policy: ProjectPolicy;
}

/** The columns toProject reads, for any query that selects projects. */
export const projectColumns = `projects.id, projects.name, projects.normalized_name, projects.created_at,
  projects.publish_requires_2fa, projects.automation_tokens_bypass_2fa`;
const requiring2faSql = `SELECT projects.name FROM collaborators JOIN projects ON projects.id = collaborators.project_id
  WHERE collaborators.account_id = ? AND projects.publish_requires_2fa = 1 ORDER BY projects.normalized_name`;

export function toProject(row: Record<string, unknown>): ProjectRecord {
  return {
    id: Number(row.id),
    name: String(row.name),
    normalizedName: String(row.normalized_name),
    createdAt: Number(row.created_at),
    policy: { publishRequires2fa: row.publish_requires_2fa === 1, automationTokensBypass2fa: row.automation_tokens_bypass_2fa === 1 },
  };
}

export class ProjectRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  insert(project: { name: string; normalizedName: string; createdAt: number }): number {
    const sql = 'INSERT INTO projects (name, normalized_name, created_at) VALUES (?, ?, ?)';
    return Number(statement(this.db, sql).run(project.name, project.normalizedName, project.createdAt).lastInsertRowid);
  }

  findByNormalizedName(normalizedName: string): ProjectRecord | null {
    const row = statement(this.db, `SELECT ${projectColumns} FROM projects WHERE normalized_name = ?`).get(normalizedName);
    return row ? toProject(row) : null;
  }

  findById(id: number): ProjectRecord | null {
    const row = statement(this.db, `SELECT ${projectColumns} FROM projects WHERE id = ?`).get(id);
    return row ? toProject(row) : null;
  }

  /** Stores the policy; automationTokensBypass2fa only counts while publishRequires2fa is on (else stored off). */
  setPolicy(id: number, policy: ProjectPolicy): void {
    const sql = 'UPDATE projects SET publish_requires_2fa = ?, automation_tokens_bypass_2fa = ? WHERE id = ?';
    const required = policy.publishRequires2fa;
    statement(this.db, sql).run(required ? 1 : 0, required && policy.automationTokensBypass2fa ? 1 : 0, id);
  }

  /** Names of the projects the account collaborates on whose policy requires 2FA for publishing, by normalised name. */
  namesRequiring2fa(accountId: number): string[] {
    return statement(this.db, requiring2faSql)
      .all(accountId)
      .map((row) => String(row.name));
  }

  /** The accounts that own the project. */
  ownerIds(projectId: number): number[] {
    const sql = "SELECT account_id FROM collaborators WHERE project_id = ? AND role = 'owner' ORDER BY account_id";
    return statement(this.db, sql)
      .all(projectId)
      .map((row) => Number(row.account_id));
  }

  /** The account's role on the project, or null when it is not a collaborator. */
  roleOf(projectId: number, accountId: number): ProjectRole | null {
    const sql = 'SELECT role FROM collaborators WHERE project_id = ? AND account_id = ?';
    const row = statement(this.db, sql).get(projectId, accountId);
    return row ? (String(row.role) as ProjectRole) : null;
  }

  addCollaborator(projectId: number, accountId: number, role: ProjectRole, addedAt: number): void {
    const sql = 'INSERT INTO collaborators (project_id, account_id, role, added_at) VALUES (?, ?, ?, ?)';
    statement(this.db, sql).run(projectId, accountId, role, addedAt);
  }

  removeCollaborator(projectId: number, accountId: number): boolean {
    const sql = 'DELETE FROM collaborators WHERE project_id = ? AND account_id = ?';
    return statement(this.db, sql).run(projectId, accountId).changes === 1;
  }

  countOwners(projectId: number): number {
    const sql = "SELECT count(*) AS n FROM collaborators WHERE project_id = ? AND role = 'owner'";
    return Number((statement(this.db, sql).get(projectId) as { n: number }).n);
  }
}
