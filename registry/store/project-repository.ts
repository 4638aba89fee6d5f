// Projects and their collaborators. A project is found by its normalised name (PEP 503) and shown by the name it
// was created with; each collaborator is an owner or a maintainer, and either may publish.
import type { DatabaseSync } from 'node:sqlite';
import type { ProjectRole } from '../contract/project-schemas.ts';
import { statement } from './statement-cache.ts';

export interface ProjectRecord {
  id: number;
  name: string;
  normalizedName: string;
  createdAt: number;
}

export interface AccountProject extends ProjectRecord {
  role: ProjectRole;
  latestRelease: { version: string; publishedAt: number } | null;
}

const columns = 'projects.id, projects.name, projects.normalized_name, projects.created_at';
// The newest release of each project comes from the (project_id, published_at, id) index, one probe per project.
const listForAccountSql = `SELECT ${columns}, collaborators.role,
    latest.version AS latest_version, latest.published_at AS latest_published_at
  FROM collaborators JOIN projects ON projects.id = collaborators.project_id
  LEFT JOIN releases AS latest ON latest.id = (
    SELECT id FROM releases WHERE project_id = projects.id ORDER BY published_at DESC, id DESC LIMIT 1)
  WHERE collaborators.account_id = ? ORDER BY projects.normalized_name`;

function toProject(row: Record<string, unknown>): ProjectRecord {
  return {
    id: Number(row.id),
    name: String(row.name),
    normalizedName: String(row.normalized_name),
    createdAt: Number(row.created_at),
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
    const row = statement(this.db, `SELECT ${columns} FROM projects WHERE normalized_name = ?`).get(normalizedName);
    return row ? toProject(row) : null;
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

  /** The projects the account collaborates on, by normalised name, each with its newest release. */
  listForAccount(accountId: number): AccountProject[] {
    return statement(this.db, listForAccountSql)
      .all(accountId)
      .map((row) => ({
        ...toProject(row),
        role: String(row.role) as ProjectRole,
        latestRelease:
          row.latest_version === null
            ? null
            : { version: String(row.latest_version), publishedAt: Number(row.latest_published_at) },
      }));
  }
}
