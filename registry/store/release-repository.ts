// Releases: one row per published version (immutable, see schema.ts) and its artifact's bytes in a table of its
// own, written in the same transaction.
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';

export interface NewRelease {
  projectId: number;
  version: string;
  sha256: string;
  artifact: Uint8Array;
  publishedAt: number;
  publishedBy: number;
  /** The API token it was published with; null when published by a session. */
  tokenId: number | null;
}

export interface ReleaseRecord {
  id: number;
  projectId: number;
  version: string;
  sha256: string;
  size: number;
  publishedAt: number;
  publishedBy: number;
  tokenId: number | null;
}

const insertSql = `INSERT INTO releases (project_id, version, sha256, size, published_at, published_by, token_id)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;
const latestSql = `SELECT releases.version, releases.published_at, accounts.username AS published_by FROM releases
  JOIN accounts ON accounts.id = releases.published_by WHERE releases.project_id = ? ORDER BY releases.published_at DESC, releases.id DESC LIMIT ?`;
const listSql = `SELECT id, project_id, version, sha256, size, published_at, published_by, token_id FROM releases
  WHERE project_id = ? ORDER BY published_at DESC, id DESC`;

export class ReleaseRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Call inside a transaction: the release and its bytes are one write. */
  insert(release: NewRelease): number {
    const { projectId, version, sha256, artifact, publishedAt, publishedBy, tokenId } = release;
    const result = statement(this.db, insertSql).run(projectId, version, sha256, artifact.length, publishedAt, publishedBy, tokenId);
    const id = Number(result.lastInsertRowid);
    statement(this.db, 'INSERT INTO release_artifacts (release_id, bytes) VALUES (?, ?)').run(id, artifact);
    return id;
  }

  exists(projectId: number, version: string): boolean {
    return statement(this.db, 'SELECT 1 FROM releases WHERE project_id = ? AND version = ?').get(projectId, version) !== undefined;
  }

  /** The project's releases, newest first (without their bytes). */
  list(projectId: number): ReleaseRecord[] {
    return statement(this.db, listSql)
      .all(projectId)
      .map((row) => ({
        id: Number(row.id),
        projectId: Number(row.project_id),
        version: String(row.version),
        sha256: String(row.sha256),
        size: Number(row.size),
        publishedAt: Number(row.published_at),
        publishedBy: Number(row.published_by),
        tokenId: row.token_id === null ? null : Number(row.token_id),
      }));
  }

  /** The project's newest `limit` releases with who published each (a username), newest first. */
  latest(projectId: number, limit: number): { version: string; publishedAt: number; publishedBy: string }[] {
    return statement(this.db, latestSql)
      .all(projectId, limit)
      .map((row) => ({ version: String(row.version), publishedAt: Number(row.published_at), publishedBy: String(row.published_by) }));
  }

  artifact(releaseId: number): Uint8Array | null {
    const row = statement(this.db, 'SELECT bytes FROM release_artifacts WHERE release_id = ?').get(releaseId);
    return row ? (row.bytes as Uint8Array) : null;
  }
}
