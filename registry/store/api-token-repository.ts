// API tokens, found by their key (the hex SHA-512 of the token; the token itself is never stored), with their
// scope (projects, or all of them), allowed address ranges, expiry, revocation and last use, and the addresses
// each has been used from.
import type { DatabaseSync } from 'node:sqlite';
import type { TokenPermission } from '../contract/token-schemas.ts';
import { statement } from './statement-cache.ts';

export interface ApiTokenRecord {
  id: number;
  accountId: number;
  key: string;
  preview: string;
  name: string;
  description: string;
  permission: TokenPermission;
  allProjects: boolean;
  /** Canonical CIDR ranges; empty means any address. */
  allowedCidrs: string[];
  bypass2fa: boolean;
  createdWith2fa: boolean;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
}

export interface NewApiToken {
  accountId: number;
  key: string;
  preview: string;
  name: string;
  description: string;
  permission: TokenPermission;
  /** The projects it covers, or all the holder's. */
  projectIds: readonly number[] | 'all';
  allowedCidrs: readonly string[];
  bypass2fa: boolean;
  createdWith2fa: boolean;
  createdAt: number;
  expiresAt: number;
  /** Only the demo seed makes tokens that were already used (and remembers their addresses itself). */
  lastUsed?: { time: number; ip: string };
}

export type TokenListState = 'active' | 'all';

const columns = `id, account_id, key, preview, name, description, permission, all_projects, allowed_cidrs, bypass_2fa,
  created_with_2fa, created_at, expires_at, revoked_at, last_used_at, last_used_ip`;
const insertSql = `INSERT INTO api_tokens (account_id, key, preview, name, description, permission, all_projects,
  allowed_cidrs, bypass_2fa, created_with_2fa, created_at, expires_at, last_used_at, last_used_ip)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const active = 'revoked_at IS NULL AND expires_at > ?';
const listActiveSql = `SELECT ${columns} FROM api_tokens WHERE account_id = ? AND ${active} ORDER BY created_at DESC, id DESC`;
const listAllSql = `SELECT ${columns} FROM api_tokens WHERE account_id = ? ORDER BY created_at DESC, id DESC`;
const nameTakenSql = `SELECT 1 FROM api_tokens WHERE account_id = ? AND name = ? COLLATE NOCASE AND ${active}`;
const revokeOwnSql = 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL RETURNING id, name';
// Conditional, so concurrent uses of one token from one address write at most once per granularity between them;
// a use from another address always writes.
const recordUseSql = `UPDATE api_tokens SET last_used_at = ?1, last_used_ip = ?2
  WHERE id = ?3 AND (last_used_at IS NULL OR last_used_at <= ?4 OR last_used_ip IS NOT ?2)`;
const findByKeySql = `SELECT ${columns} FROM api_tokens WHERE key = ?`;
const projectsSql = `SELECT projects.id, projects.name FROM api_token_projects
  JOIN projects ON projects.id = api_token_projects.project_id WHERE token_id = ? ORDER BY projects.normalized_name`;

function toToken(row: Record<string, unknown>): ApiTokenRecord {
  const optional = (value: unknown) => (value === null ? null : Number(value));
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    key: String(row.key),
    preview: String(row.preview),
    name: String(row.name),
    description: String(row.description),
    permission: String(row.permission) as TokenPermission,
    allProjects: row.all_projects === 1,
    allowedCidrs: JSON.parse(String(row.allowed_cidrs)) as string[],
    bypass2fa: row.bypass_2fa === 1,
    createdWith2fa: row.created_with_2fa === 1,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: optional(row.revoked_at),
    lastUsedAt: optional(row.last_used_at),
    lastUsedIp: row.last_used_ip === null ? null : String(row.last_used_ip),
  };
}

// Cached tokens at most; beyond that the cache starts over (a bound, not an LRU: a registry has few tokens in use).
const maxCachedTokens = 10_000;

export class ApiTokenRepository {
  private readonly db: DatabaseSync;
  // Tokens by key, for the one lookup every token-authenticated request makes. Every write in this process goes
  // through this class, which empties the cache first, and a write by any other process (another connection)
  // changes PRAGMA data_version, which empties it too: a cached record is never staler than the table, and a
  // revocation is seen by the very next request. Only committed rows are cached (a read inside a transaction may
  // see a row that rolls back), and never an unknown key, which anyone can mint by the thousand.
  private readonly byKey = new Map<string, Readonly<ApiTokenRecord>>();
  private dataVersion: unknown = null;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Call inside a transaction: the token and the projects it covers are one write. */
  insert(token: NewApiToken): number {
    this.byKey.clear();
    const result = statement(this.db, insertSql).run(
      token.accountId,
      token.key,
      token.preview,
      token.name,
      token.description,
      token.permission,
      token.projectIds === 'all' ? 1 : 0,
      JSON.stringify(token.allowedCidrs),
      token.bypass2fa ? 1 : 0,
      token.createdWith2fa ? 1 : 0,
      token.createdAt,
      token.expiresAt,
      token.lastUsed?.time ?? null,
      token.lastUsed?.ip ?? null,
    );
    const id = Number(result.lastInsertRowid);
    if (token.projectIds !== 'all') {
      const add = statement(this.db, 'INSERT OR IGNORE INTO api_token_projects (token_id, project_id) VALUES (?, ?)');
      for (const projectId of token.projectIds) add.run(id, projectId);
    }
    return id;
  }

  /** The token with this key, whatever its state: the caller tells revoked and expired ones apart. */
  findByKey(key: string): Readonly<ApiTokenRecord> | null {
    const version = statement(this.db, 'PRAGMA data_version').get()?.data_version;
    if (version !== this.dataVersion) {
      this.byKey.clear();
      this.dataVersion = version;
    }
    const cached = this.byKey.get(key);
    if (cached) return cached;
    const row = statement(this.db, findByKeySql).get(key);
    if (!row) return null;
    const record = toToken(row);
    Object.freeze(record.allowedCidrs);
    const token = Object.freeze(record);
    if (!this.db.isTransaction) {
      if (this.byKey.size >= maxCachedTokens) this.byKey.clear();
      this.byKey.set(key, token);
    }
    return token;
  }

  findById(id: number): ApiTokenRecord | null {
    const row = statement(this.db, `SELECT ${columns} FROM api_tokens WHERE id = ?`).get(id);
    return row ? toToken(row) : null;
  }

  /** The account's tokens, newest first: those neither revoked nor expired at `now`, or all of them. */
  listForAccount(accountId: number, now: number, state: TokenListState): ApiTokenRecord[] {
    const rows = state === 'active' ? statement(this.db, listActiveSql).all(accountId, now) : statement(this.db, listAllSql).all(accountId);
    return rows.map(toToken);
  }

  /** The projects a token names (none for a token that covers all), by normalised name. */
  projectsOf(tokenId: number): { id: number; name: string }[] {
    return statement(this.db, projectsSql)
      .all(tokenId)
      .map((row) => ({ id: Number(row.id), name: String(row.name) }));
  }

  /** True when the token names the project (a token that covers all names none: check allProjects first). */
  names(tokenId: number, projectId: number): boolean {
    const sql = 'SELECT 1 FROM api_token_projects WHERE token_id = ? AND project_id = ?';
    return statement(this.db, sql).get(tokenId, projectId) !== undefined;
  }

  /** True when a token of the account that is neither revoked nor expired at `now` has this name (any case). */
  activeNameTaken(accountId: number, name: string, now: number): boolean {
    return statement(this.db, nameTakenSql).get(accountId, name, now) !== undefined;
  }

  /** Revokes a token of the account unless already revoked; its id and name, or null. */
  revokeOwn(accountId: number, id: number, time: number): { id: number; name: string } | null {
    this.byKey.clear();
    const row = statement(this.db, revokeOwnSql).get(time, id, accountId);
    return row ? { id: Number(row.id), name: String(row.name) } : null;
  }

  /** Records a use at `time` from `ip`, unless the last one was from the same address less than `granularityMs` ago. */
  recordUse(id: number, time: number, ip: string, granularityMs: number): void {
    this.byKey.clear();
    statement(this.db, recordUseSql).run(time, ip, id, time - granularityMs);
  }

  /** Remembers that the token was used from `ip`; true when it never had been before. */
  rememberAddress(id: number, ip: string, time: number): boolean {
    const sql = 'INSERT OR IGNORE INTO api_token_addresses (token_id, ip, first_used_at) VALUES (?, ?, ?)';
    return statement(this.db, sql).run(id, ip, time).changes === 1;
  }
}
