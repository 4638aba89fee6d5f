// The registry's tables, applied in order by store/database.ts and tracked with PRAGMA user_version. A migration
// never changes once released; later ones build on it. Most are SQL; one that needs code (computing hashes) is a
// function run inside the same transaction.
// Events are the audit log: triggers make the table append-only so no code path can rewrite history.
import type { DatabaseSync } from 'node:sqlite';
import { genesisHash } from '../contract/event-chain.ts';
import { copyEventsIntoChains } from './event-chain-migration.ts';

export type Migration = string | ((db: DatabaseSync) => void);

export function applyMigration(db: DatabaseSync, migration: Migration): void {
  if (typeof migration === 'string') db.exec(migration);
  else migration(db);
}

const appendOnlyEvents = `
  CREATE INDEX events_account_time ON events(account_id, time DESC, id DESC);
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

// The events table from migration 8 on: each event is link `seq` (1, 2, 3, …) of its account's hash chain, with the
// hash of the link before it (64 zeros for the first) and its own (contract/event-chain.ts). `seq` makes the head of a
// chain and its length one index probe. The insert trigger keeps every chain a single line: an event must follow
// the account's last one and name that one's hash, so no code path can fork a chain or leave a gap in it (SQLite
// cannot check SHA-256; the console recomputes hashes). Indexes serve pages newest first by (time, id), alone or
// by type (several types are merged, one index range each) or by address, and walking a chain in order.
const chainedEventsTable = `
  CREATE TABLE events_chained (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    type TEXT NOT NULL REFERENCES event_types(name),
    time INTEGER NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    details TEXT NOT NULL CHECK (json_valid(details)),
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
    hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
  ) STRICT;
`;
const chainedEventsInPlace = `
  DROP TABLE events;
  ALTER TABLE events_chained RENAME TO events;
  CREATE UNIQUE INDEX events_account_seq ON events(account_id, seq);
  CREATE INDEX events_account_time ON events(account_id, time, id);
  CREATE INDEX events_account_type_time ON events(account_id, type, time, id);
  CREATE INDEX events_account_ip_time ON events(account_id, ip, time, id);
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_extend_chain BEFORE INSERT ON events
    WHEN NOT (CASE WHEN NEW.seq = 1 THEN NEW.prev_hash = '${genesisHash}'
      ELSE EXISTS (SELECT 1 FROM events WHERE account_id = NEW.account_id AND seq = NEW.seq - 1 AND hash = NEW.prev_hash) END)
    BEGIN SELECT RAISE(ABORT, 'an event must extend its account''s hash chain'); END;
`;

export const migrations: readonly Migration[] = [
  `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    totp_last_step INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    code_hash TEXT NOT NULL,
    used_at INTEGER
  ) STRICT;
  CREATE INDEX recovery_codes_account ON recovery_codes(account_id);
  CREATE TRIGGER recovery_codes_no_delete BEFORE DELETE ON recovery_codes
    BEGIN SELECT RAISE(ABORT, 'recovery codes are burned, never deleted'); END;
  CREATE TRIGGER recovery_codes_burn_once BEFORE UPDATE ON recovery_codes
    WHEN OLD.used_at IS NOT NULL OR NEW.code_hash IS NOT OLD.code_hash OR NEW.account_id IS NOT OLD.account_id
    BEGIN SELECT RAISE(ABORT, 'a recovery code can only be burned once'); END;

  CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER
  ) STRICT;
  CREATE INDEX sessions_account ON sessions(account_id);

  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    type TEXT NOT NULL CHECK (type IN ('login.success', 'login.failure', 'recovery_code.used', 'session.ended')),
    time INTEGER NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    details TEXT NOT NULL CHECK (json_valid(details))
  ) STRICT;
  ${appendOnlyEvents}
  `,
  // Event types move from a CHECK list (which SQLite cannot alter) to a table the code keeps in step with the
  // contract on every open (syncEventTypes), so a new type needs no table rebuild. The rebuild copies every event
  // as it is; DROP TABLE fires no DELETE trigger. An index serves per-type counts over a time range.
  `
  CREATE TABLE event_types (name TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
  INSERT INTO event_types (name) SELECT DISTINCT type FROM events;
  CREATE TABLE events_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    type TEXT NOT NULL REFERENCES event_types(name),
    time INTEGER NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    details TEXT NOT NULL CHECK (json_valid(details))
  ) STRICT;
  INSERT INTO events_v2 (id, account_id, type, time, ip, user_agent, details)
    SELECT id, account_id, type, time, ip, user_agent, details FROM events ORDER BY id;
  DROP TABLE events;
  ALTER TABLE events_v2 RENAME TO events;
  ${appendOnlyEvents}
  CREATE INDEX events_account_type_time ON events(account_id, type, time);
  `,
  // Sign-in attempts refused while rate limited, counted per account and source address until their window ends
  // and the tally becomes one login.rate_limited event (server/refusal-tallies.ts). Mutable, unlike events: it is
  // a counter, not history, and it is on disk so a crash loses no refusal.
  `
  CREATE TABLE refusal_tallies (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    count INTEGER NOT NULL,
    retry_after INTEGER NOT NULL,
    PRIMARY KEY (account_id, ip)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX refusal_tallies_first_at ON refusal_tallies(first_at);
  `,
  // Account security self-service.
  // - accounts: when 2FA went on, and an authenticator waiting to be activated (its secret and until when).
  // - recovery_codes: codes come in generations; regenerating or turning 2FA off revokes the current one. Revoked
  //   codes stay as history (nothing is deleted), so the burn-once trigger becomes one that also freezes a revoked
  //   code and never lets a revocation be undone.
  // - sessions: where each came from, when it was last used (coarse), and until when it counts as confirmed for
  //   sensitive actions. Sessions from before this migration are not confirmed; their address is taken from the
  //   sign-in that created them, when the log has it.
  `
  ALTER TABLE accounts ADD COLUMN totp_enabled_at INTEGER;
  ALTER TABLE accounts ADD COLUMN totp_pending_secret TEXT;
  ALTER TABLE accounts ADD COLUMN totp_pending_until INTEGER;
  UPDATE accounts SET totp_enabled_at = created_at WHERE totp_secret IS NOT NULL;

  DROP TRIGGER recovery_codes_burn_once;
  ALTER TABLE recovery_codes ADD COLUMN generated_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE recovery_codes ADD COLUMN revoked_at INTEGER;
  UPDATE recovery_codes SET generated_at = (SELECT created_at FROM accounts WHERE accounts.id = recovery_codes.account_id);
  CREATE TRIGGER recovery_codes_burn_once BEFORE UPDATE ON recovery_codes
    WHEN NEW.code_hash IS NOT OLD.code_hash OR NEW.account_id IS NOT OLD.account_id
      OR NEW.generated_at IS NOT OLD.generated_at
      OR (OLD.used_at IS NOT NULL AND NEW.used_at IS NOT OLD.used_at)
      OR (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS NOT OLD.revoked_at OR NEW.used_at IS NOT OLD.used_at))
    BEGIN SELECT RAISE(ABORT, 'a recovery code can only be burned once and revoked once, never restored'); END;
  CREATE INDEX recovery_codes_current ON recovery_codes(account_id) WHERE revoked_at IS NULL;

  ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN confirmed_until INTEGER NOT NULL DEFAULT 0;
  UPDATE sessions SET last_seen_at = created_at;
  UPDATE sessions SET (ip, user_agent) = (
    SELECT events.ip, events.user_agent FROM events
    WHERE events.account_id = sessions.account_id AND events.type = 'login.success'
      AND events.time >= sessions.created_at AND events.time < sessions.created_at + 1000
    ORDER BY events.time, events.id LIMIT 1
  ) WHERE EXISTS (
    SELECT 1 FROM events WHERE events.account_id = sessions.account_id AND events.type = 'login.success'
      AND events.time >= sessions.created_at AND events.time < sessions.created_at + 1000
  );
  `,
  // Projects and API tokens.
  // - projects: the name as created, and the normalised form (PEP 503) that makes names unique and finds them.
  // - collaborators: who may publish a project, as owner or maintainer.
  // - releases: immutable once published (a version is never reused, as on PyPI), with the artifact's bytes in a
  //   table of their own so listings never read them. Bytes in the database, not files beside it: a release and
  //   its artifact commit or roll back together, survive power loss alike (synchronous=FULL), and are private
  //   with the database file.
  // - api_tokens: only the key (hex SHA-512 of the token) is kept, which is also how a token is found. Revocation
  //   is final. The projects a token covers are rows of api_token_projects (none when it covers all), and the
  //   addresses it has been used from are remembered to notice a new one.
  `
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    normalized_name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE collaborators (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'maintainer')),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, account_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX collaborators_account ON collaborators(account_id);

  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    key TEXT NOT NULL UNIQUE,
    preview TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    permission TEXT NOT NULL CHECK (permission IN ('read-only', 'read-write')),
    all_projects INTEGER NOT NULL CHECK (all_projects IN (0, 1)),
    allowed_cidrs TEXT NOT NULL CHECK (json_valid(allowed_cidrs)),
    bypass_2fa INTEGER NOT NULL CHECK (bypass_2fa IN (0, 1)),
    created_with_2fa INTEGER NOT NULL CHECK (created_with_2fa IN (0, 1)),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    last_used_at INTEGER,
    last_used_ip TEXT
  ) STRICT;
  CREATE INDEX api_tokens_account ON api_tokens(account_id, created_at);
  CREATE TRIGGER api_tokens_no_delete BEFORE DELETE ON api_tokens
    BEGIN SELECT RAISE(ABORT, 'tokens are revoked, never deleted'); END;
  CREATE TRIGGER api_tokens_revoke_once BEFORE UPDATE ON api_tokens
    WHEN NEW.key IS NOT OLD.key OR NEW.account_id IS NOT OLD.account_id OR NEW.permission IS NOT OLD.permission
      OR NEW.all_projects IS NOT OLD.all_projects OR NEW.allowed_cidrs IS NOT OLD.allowed_cidrs
      OR NEW.expires_at IS NOT OLD.expires_at OR NEW.created_at IS NOT OLD.created_at
      OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS NOT OLD.revoked_at)
    BEGIN SELECT RAISE(ABORT, 'a token keeps its scope and expiry, and a revocation is final'); END;

  CREATE TABLE api_token_projects (
    token_id INTEGER NOT NULL REFERENCES api_tokens(id),
    project_id INTEGER NOT NULL REFERENCES projects(id),
    PRIMARY KEY (token_id, project_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER api_token_projects_fixed BEFORE DELETE ON api_token_projects
    BEGIN SELECT RAISE(ABORT, 'a token keeps its scope'); END;

  CREATE TABLE api_token_addresses (
    token_id INTEGER NOT NULL REFERENCES api_tokens(id),
    ip TEXT NOT NULL,
    first_used_at INTEGER NOT NULL,
    PRIMARY KEY (token_id, ip)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    published_by INTEGER NOT NULL REFERENCES accounts(id),
    token_id INTEGER REFERENCES api_tokens(id),
    UNIQUE (project_id, version)
  ) STRICT;
  CREATE INDEX releases_project_time ON releases(project_id, published_at DESC, id DESC);
  CREATE TABLE release_artifacts (
    release_id INTEGER PRIMARY KEY REFERENCES releases(id),
    bytes BLOB NOT NULL
  ) STRICT;
  CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases
    BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
  CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
    BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
  CREATE TRIGGER release_artifacts_no_update BEFORE UPDATE ON release_artifacts
    BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
  CREATE TRIGGER release_artifacts_no_delete BEFORE DELETE ON release_artifacts
    BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
  `,
  // 6: an account is never renamed or deleted. Events, sessions, tokens and releases name it for good, and the
  // token path caches usernames by id (account-repository.ts).
  `
  CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
    BEGIN SELECT RAISE(ABORT, 'accounts are never deleted'); END;
  CREATE TRIGGER accounts_fixed_username BEFORE UPDATE OF username ON accounts
    BEGIN SELECT RAISE(ABORT, 'usernames never change'); END;
  `,
  // 7: each project's publish policy (off for every project so far, as on npm), and indexes for reading a whole
  // estate in a few queries (store/estate-repository.ts):
  // - api_token_projects by project: the tokens that name a project;
  // - the unrevoked tokens of an account that cover all its projects (few, so a small partial index);
  // - releases by project and publisher: a collaborator's last publish is one probe.
  `
  ALTER TABLE projects ADD COLUMN publish_requires_2fa INTEGER NOT NULL DEFAULT 0 CHECK (publish_requires_2fa IN (0, 1));
  ALTER TABLE projects ADD COLUMN automation_tokens_bypass_2fa INTEGER NOT NULL DEFAULT 0
    CHECK (automation_tokens_bypass_2fa IN (0, 1));
  CREATE INDEX api_token_projects_project ON api_token_projects(project_id, token_id);
  CREATE INDEX api_tokens_all_projects ON api_tokens(account_id, expires_at) WHERE all_projects = 1 AND revoked_at IS NULL;
  CREATE INDEX releases_project_publisher ON releases(project_id, published_by, published_at);
  `,
  // 8: the hash chain. The table is rebuilt (as in migration 2; DROP TABLE fires no DELETE trigger) and every event
  // copied as it is, with its id, joining its account's chain in the order the events were appended. The old
  // (time DESC, id DESC) indexes give way to ascending ones that SQLite also walks backwards.
  (db) => {
    db.exec(chainedEventsTable);
    copyEventsIntoChains(db, 'events', 'events_chained');
    db.exec(chainedEventsInPlace);
  },
  // 9: events of some types from one address, newest first, without reading every event of that address (the
  // home connection or the CI network can hold most of a log): one range of this index per type, merged.
  `
  CREATE INDEX events_account_ip_type_time ON events(account_id, ip, type, time, id);
  `,
];
