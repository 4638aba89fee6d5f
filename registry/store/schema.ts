// The registry's tables, applied in order by store/database.ts and tracked with PRAGMA user_version. A migration
// never changes once released; later ones build on it.
// Events are the audit log: triggers make the table append-only so no code path can rewrite history.

const appendOnlyEvents = `
  CREATE INDEX events_account_time ON events(account_id, time DESC, id DESC);
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

export const migrations: readonly string[] = [
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
];
