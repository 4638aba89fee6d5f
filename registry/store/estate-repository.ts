// A caller's estate: their projects with role, latest release and policy; each project's collaborators with their
// 2FA state and last publish; and the active tokens that can reach each project. Each part is a fixed number of
// queries over all of the caller's projects, whatever their number (never a query per project): GET /projects
// with include=collaborators,tokens costs seven queries for 5 projects or 500. Every query starts from the same
// `mine` CTE: the caller's collaborations, narrowed to the projects a scoped API token names and, for a single
// project's page, to that project.
//
// What repeats is read once: who the collaborators are (username, 2FA) per account, and each reaching token's
// details per token, while the per-project rows are only ids and a few numbers, returned as arrays rather than
// objects (arrayStatement), in whatever order the indexes give: an estate of 500 projects has some 10,000
// collaborations and more token reaches, and building an object per row, or sorting them all in SQL, cost more
// than the rest of the queries. estate-json.ts orders each project's few.
//
// A token reaches a project when it is neither revoked nor expired, its holder is a current collaborator of the
// project, and it names the project or covers all its holder's projects. An owner sees every collaborator's such
// tokens; a maintainer only their own. Tokens that name projects are found by project (an index of migration 7);
// tokens that cover all projects are few, found by holder (a partial index of migration 7), and reach exactly the
// holder's collaborations, which the estate reads anyway: the caller (estate-json.ts) pairs them up, rather than
// the database sending one row per project for each (by far most of the rows, in a large estate).
import type { DatabaseSync } from 'node:sqlite';
import type { ProjectRole } from '../contract/project-schemas.ts';
import type { TokenPermission } from '../contract/token-schemas.ts';
import { projectColumns, toProject, type ProjectRecord } from './project-repository.ts';
import { arrayStatement, statement } from './statement-cache.ts';

export interface EstateScope {
  accountId: number;
  /** A token that names its projects narrows the estate to them; null for a session or an all-projects token. */
  scopedTokenId: number | null;
  /** One project only (a project's page); null for all. */
  projectId: number | null;
}

export interface EstateProjectRecord extends ProjectRecord {
  role: ProjectRole;
  latestRelease: { version: string; publishedAt: number } | null;
}

/** A collaborator of the estate's projects, whichever and however many. */
export interface EstatePersonRecord {
  username: string;
  twoFactor: boolean;
  twoFactorEnabledAt: number | null;
}

/** [projectId, accountId, role, addedAt], in no particular order within a project. */
export type CollaborationRow = [number, number, ProjectRole, number];

/** [projectId, accountId, the time of their last release of it]. */
export type LastPublishRow = [number, number, number];

/** [projectId, tokenId], in no particular order. */
export type ReachRow = [number, number];

export interface ReachingTokenRecord {
  id: number;
  holder: string;
  name: string;
  permission: TokenPermission;
  allProjects: boolean;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
  bypass2fa: boolean;
  /** JSON text of the canonical ranges, as stored. */
  allowedCidrs: string;
}

const mine = `mine AS (
  SELECT project_id, role FROM collaborators
  WHERE account_id = :account
    AND (:project IS NULL OR project_id = :project)
    AND (:token IS NULL OR project_id IN (SELECT project_id FROM api_token_projects WHERE token_id = :token)))`;

// The newest release of each project comes from the (project_id, published_at, id) index, one probe per project.
const projectsSql = `WITH ${mine}
  SELECT ${projectColumns}, mine.role, latest.version AS latest_version, latest.published_at AS latest_published_at
  FROM mine JOIN projects ON projects.id = mine.project_id
  LEFT JOIN releases AS latest ON latest.id = (
    SELECT id FROM releases WHERE project_id = projects.id ORDER BY published_at DESC, id DESC LIMIT 1)
  ORDER BY projects.normalized_name`;

// In project order as the indexes give it (no sort); the order within a project is the view's to make, with the
// names at hand.
const collaborationsSql = `WITH ${mine}
  SELECT c.project_id, c.account_id, c.role, c.added_at FROM mine JOIN collaborators AS c ON c.project_id = mine.project_id`;

// Each publisher's last release per project, from the (project_id, published_by, published_at) index: one row per
// publisher and project, rather than a probe per collaborator.
const lastPublishesSql = `WITH ${mine}
  SELECT releases.project_id, releases.published_by, max(releases.published_at) FROM mine
  JOIN releases ON releases.project_id = mine.project_id GROUP BY releases.project_id, releases.published_by`;

// The ids travel as one JSON array, so one prepared statement serves any number of them.
const peopleSql = `SELECT id, username, totp_secret IS NOT NULL, totp_enabled_at FROM accounts
  WHERE id IN (SELECT value FROM json_each(?))`;

// Tokens that name a project reach it while their holder collaborates on it; owners see all of them, maintainers
// their own.
const namedReachesSql = `WITH ${mine}
  SELECT mine.project_id, t.id
  FROM mine
  JOIN api_token_projects AS tp ON tp.project_id = mine.project_id
  JOIN api_tokens AS t ON t.id = tp.token_id
  JOIN collaborators AS c ON c.project_id = mine.project_id AND c.account_id = t.account_id
  WHERE t.revoked_at IS NULL AND t.expires_at > :now AND (mine.role = 'owner' OR t.account_id = :account)`;

// From the partial index of unrevoked all-projects tokens, by holder.
const allProjectsTokensSql = `SELECT id, account_id FROM api_tokens
  WHERE all_projects = 1 AND revoked_at IS NULL AND expires_at > ? AND account_id IN (SELECT value FROM json_each(?))`;

const tokensSql = `SELECT t.id, holder.username, t.name, t.permission, t.all_projects, t.created_at, t.expires_at,
    t.last_used_at, t.last_used_ip, t.bypass_2fa, t.allowed_cidrs
  FROM api_tokens AS t JOIN accounts AS holder ON holder.id = t.account_id
  WHERE t.id IN (SELECT value FROM json_each(?))`;

const optional = (value: unknown) => (value === null ? null : Number(value));

export class EstateRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  private parameters(scope: EstateScope) {
    return { account: scope.accountId, token: scope.scopedTokenId, project: scope.projectId };
  }

  /** The projects in scope, by normalised name. */
  projects(scope: EstateScope): EstateProjectRecord[] {
    return statement(this.db, projectsSql)
      .all(this.parameters(scope))
      .map((row) => ({
        ...toProject(row),
        role: String(row.role) as ProjectRole,
        latestRelease:
          row.latest_version === null ? null : { version: String(row.latest_version), publishedAt: Number(row.latest_published_at) },
      }));
  }

  /** These accounts (collaborators of the estate's projects), by id. */
  people(ids: Iterable<number>): Map<number, EstatePersonRecord> {
    const rows = arrayStatement(this.db, peopleSql).all(JSON.stringify([...ids])) as unknown as unknown[][];
    return new Map(
      rows.map(([id, username, twoFactor, enabledAt]) => [
        Number(id),
        { username: String(username), twoFactor: twoFactor === 1, twoFactorEnabledAt: optional(enabledAt) },
      ]),
    );
  }

  /** Every collaboration on the projects in scope (see CollaborationRow). */
  collaborations(scope: EstateScope): CollaborationRow[] {
    return arrayStatement(this.db, collaborationsSql).all(this.parameters(scope)) as unknown as CollaborationRow[];
  }

  /** When each account last published each project in scope (see LastPublishRow); none for who never did. */
  lastPublishes(scope: EstateScope): LastPublishRow[] {
    return arrayStatement(this.db, lastPublishesSql).all(this.parameters(scope)) as unknown as LastPublishRow[];
  }

  /** Which tokens active at `now` that name a project in scope reach it, of those the caller may see (see ReachRow). */
  namedReaches(scope: EstateScope, now: number): ReachRow[] {
    return arrayStatement(this.db, namedReachesSql).all({ ...this.parameters(scope), now }) as unknown as ReachRow[];
  }

  /** The tokens active at `now` that cover all projects of these accounts: [tokenId, accountId]. */
  allProjectsTokens(accountIds: Iterable<number>, now: number): [number, number][] {
    return arrayStatement(this.db, allProjectsTokensSql).all(now, JSON.stringify([...accountIds])) as unknown as [number, number][];
  }

  /** The details of these tokens, by id (never their key or preview). */
  tokens(ids: Iterable<number>): Map<number, ReachingTokenRecord> {
    const rows = arrayStatement(this.db, tokensSql).all(JSON.stringify([...ids])) as unknown as unknown[][];
    return new Map(
      rows.map(([id, holder, name, permission, allProjects, createdAt, expiresAt, lastUsedAt, lastUsedIp, bypass2fa, allowedCidrs]) => [
        Number(id),
        {
          id: Number(id),
          holder: String(holder),
          name: String(name),
          permission: String(permission) as TokenPermission,
          allProjects: allProjects === 1,
          createdAt: Number(createdAt),
          expiresAt: Number(expiresAt),
          lastUsedAt: optional(lastUsedAt),
          lastUsedIp: lastUsedIp === null ? null : String(lastUsedIp),
          bypass2fa: bypass2fa === 1,
          allowedCidrs: String(allowedCidrs),
        },
      ]),
    );
  }
}
