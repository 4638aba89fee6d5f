import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { genesisHash, verifyChain } from '../contract/event-chain.ts';
import type { EventType } from '../contract/schemas.ts';
import { toAuditEvent } from '../server/audit-event.ts';
import { databaseFileName } from './database.ts';
import { applyMigration, migrations } from './schema.ts';
import { openStore, type RegistryStore } from './store.ts';

describe('registry database', () => {
  let dir: string;
  let store: RegistryStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
    store = openStore(dir);
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const addAccount = () =>
    store.accounts.insert({ username: 'alice', passwordHash: 'x', totpSecret: null, createdAt: 1 });

  test('runs in WAL mode, syncing every commit (FULL), with foreign keys enforced', () => {
    assert.equal(store.db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
    assert.equal(store.db.prepare('PRAGMA synchronous').get()?.synchronous, 2, 'FULL');
    assert.equal(store.db.prepare('PRAGMA foreign_keys').get()?.foreign_keys, 1);
    assert.throws(() =>
      store.events.append({ accountId: 999, type: 'session.ended', time: 1, ip: '', userAgent: '', details: {} }),
    /FOREIGN KEY/);
  });

  test('the event log is append-only: UPDATE and DELETE are aborted by triggers', () => {
    const accountId = addAccount();
    store.events.append({ accountId, type: 'login.success', time: 5, ip: '192.0.2.1', userAgent: 'ua', details: { method: 'password' } });
    assert.throws(() => store.db.exec("UPDATE events SET ip = '198.51.100.1'"), /append-only/);
    assert.throws(() => store.db.exec('DELETE FROM events'), /append-only/);
    assert.equal(store.events.list(accountId, 10)[0]?.ip, '192.0.2.1');
  });

  test('recovery codes are burned once and never deleted', () => {
    const accountId = addAccount();
    store.recoveryCodes.insertMany(accountId, ['h1', 'h2'], 1);
    const [first] = store.recoveryCodes.listForAccount(accountId);
    assert.equal(store.recoveryCodes.burn(first!.id, 10), true);
    assert.equal(store.recoveryCodes.burn(first!.id, 11), false);
    assert.throws(() => store.db.exec('UPDATE recovery_codes SET used_at = NULL'), /burned once/);
    assert.throws(() => store.db.exec('DELETE FROM recovery_codes'), /never deleted/);
    assert.equal(store.recoveryCodes.countRemaining(accountId), 1);
  });

  test('a revoked set of recovery codes is frozen: no burning, no restoring, and never deleted', () => {
    const accountId = addAccount();
    store.recoveryCodes.insertMany(accountId, ['h1', 'h2'], 1);
    const [used] = store.recoveryCodes.listForAccount(accountId);
    store.recoveryCodes.burn(used!.id, 5);
    assert.equal(store.recoveryCodes.revokeCurrent(accountId, 10), 2);
    assert.equal(store.recoveryCodes.revokeCurrent(accountId, 11), 0);
    assert.deepEqual(store.recoveryCodes.listForAccount(accountId), []);
    assert.equal(store.recoveryCodes.currentGeneratedAt(accountId), null);
    store.recoveryCodes.insertMany(accountId, ['h3'], 20);
    assert.equal(store.recoveryCodes.currentGeneratedAt(accountId), 20);
    assert.equal(store.recoveryCodes.countRemaining(accountId), 1);

    for (const sql of [
      'UPDATE recovery_codes SET revoked_at = NULL WHERE revoked_at IS NOT NULL',
      'UPDATE recovery_codes SET revoked_at = 99 WHERE revoked_at IS NOT NULL',
      'UPDATE recovery_codes SET used_at = 30 WHERE revoked_at IS NOT NULL AND used_at IS NULL',
      'UPDATE recovery_codes SET used_at = NULL WHERE used_at IS NOT NULL',
      'UPDATE recovery_codes SET used_at = 31 WHERE used_at IS NOT NULL',
      "UPDATE recovery_codes SET code_hash = 'x' WHERE revoked_at IS NULL",
      'UPDATE recovery_codes SET generated_at = 0 WHERE revoked_at IS NULL',
    ]) {
      assert.throws(() => store.db.exec(sql), /burned once/, sql);
    }
    assert.throws(() => store.db.exec('DELETE FROM recovery_codes'), /never deleted/);
    assert.equal((store.db.prepare('SELECT count(*) AS n FROM recovery_codes').get() as { n: number }).n, 3);
  });

  test('isRevoked tells a code of a replaced set from a current one, used or not', () => {
    const accountId = addAccount();
    store.recoveryCodes.insertMany(accountId, ['h1', 'h2'], 1);
    const [used, unused] = store.recoveryCodes.listForAccount(accountId);
    store.recoveryCodes.burn(used!.id, 5);
    assert.deepEqual([store.recoveryCodes.isRevoked(used!.id), store.recoveryCodes.isRevoked(unused!.id)], [false, false]);
    store.recoveryCodes.revokeCurrent(accountId, 10);
    assert.deepEqual([store.recoveryCodes.isRevoked(used!.id), store.recoveryCodes.isRevoked(unused!.id)], [true, true]);
  });

  test('a TOTP step is accepted once, and only for the secret it was checked against', () => {
    const accountId = store.accounts.insert({ username: 'carol', passwordHash: 'x', totpSecret: 'OLDSECRET', createdAt: 1 });
    assert.equal(store.accounts.acceptTotpStep(accountId, 'OLDSECRET', 100), true);
    assert.equal(store.accounts.acceptTotpStep(accountId, 'OLDSECRET', 100), false, 'a replay');
    store.accounts.setPendingTotp(accountId, 'NEWSECRET', 50);
    assert.equal(store.accounts.activatePendingTotp(accountId, 'NEWSECRET', 90, 10), true);
    assert.equal(store.accounts.acceptTotpStep(accountId, 'OLDSECRET', 101), false, 'the replaced authenticator');
    assert.equal(store.accounts.acceptTotpStep(accountId, 'NEWSECRET', 91), true);
    store.accounts.disableTotp(accountId);
    assert.equal(store.accounts.acceptTotpStep(accountId, 'NEWSECRET', 92), false, 'no authenticator at all');
  });

  test('a rehash replaces only the hash it was made for', () => {
    const accountId = addAccount();
    assert.equal(store.accounts.replacePasswordHash(accountId, 'x', 'x-rehashed'), true);
    store.accounts.updatePasswordHash(accountId, 'new-password');
    assert.equal(store.accounts.replacePasswordHash(accountId, 'x-rehashed', 'x-rehashed-again'), false);
    assert.equal(store.accounts.findById(accountId)?.passwordHash, 'new-password');
  });

  test('usernames are unique regardless of case', () => {
    addAccount();
    assert.throws(() => store.accounts.insert({ username: 'ALICE', passwordHash: 'y', totpSecret: null, createdAt: 2 }), /UNIQUE/);
    assert.equal(store.accounts.findByUsername('Alice')?.username, 'alice');
  });

  test('a second connection to the same folder sees and makes changes while the first is open', () => {
    const other = openStore(dir);
    try {
      other.accounts.insert({ username: 'bob', passwordHash: 'x', totpSecret: null, createdAt: 1 });
      assert.equal(store.accounts.findByUsername('bob')?.username, 'bob');
    } finally {
      other.close();
    }
  });

  test('upgrades a version 1 database in place: every event kept with its id, new types accepted, still append-only', () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-legacy-'));
    try {
      const legacy = new DatabaseSync(path.join(legacyDir, databaseFileName));
      applyMigration(legacy, migrations[0]!);
      legacy.exec('PRAGMA user_version = 1');
      legacy.exec("INSERT INTO accounts (username, password_hash, created_at) VALUES ('old', 'x', 1)");
      legacy.exec(`INSERT INTO events (account_id, type, time, ip, user_agent, details) VALUES
        (1, 'login.failure', 10, '192.0.2.1', 'ua', '{"reason":"rate_limited"}'),
        (1, 'login.success', 20, '192.0.2.1', 'ua', '{"method":"totp"}')`);
      assert.throws(() => legacy.exec(`INSERT INTO events (account_id, type, time, ip, user_agent, details)
        VALUES (1, 'login.rate_limited', 30, '', '', '{}')`), /CHECK/);
      legacy.close();

      const upgraded = openStore(legacyDir);
      try {
        assert.equal(upgraded.db.prepare('PRAGMA user_version').get()?.user_version, migrations.length);
        assert.deepEqual(upgraded.events.list(1, 10).map((event) => [event.id, event.type, event.time]), [
          [2, 'login.success', 20],
          [1, 'login.failure', 10],
        ]);
        const id = upgraded.events.append({ accountId: 1, type: 'login.rate_limited', time: 30, ip: '', userAgent: '', details: { count: 3 } });
        assert.equal(id, 3, 'ids continue where the old table stopped');
        assert.throws(() => upgraded.db.exec('DELETE FROM events'), /append-only/);
        assert.throws(() => upgraded.db.exec("UPDATE events SET ip = 'x'"), /append-only/);
        assert.throws(
          () => upgraded.events.append({ accountId: 1, type: 'made.up' as EventType, time: 1, ip: '', userAgent: '', details: {} }),
          /FOREIGN KEY/,
        );
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  test('upgrades a version 3 database: 2FA since creation, codes of one set, sessions unconfirmed with their address', () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-legacy-'));
    try {
      const legacy = new DatabaseSync(path.join(legacyDir, databaseFileName));
      for (const migration of migrations.slice(0, 3)) applyMigration(legacy, migration);
      legacy.exec('PRAGMA user_version = 3');
      legacy.exec("INSERT INTO event_types (name) VALUES ('login.success'), ('session.ended')");
      legacy.exec(`INSERT INTO accounts (username, password_hash, totp_secret, totp_last_step, created_at) VALUES
        ('two', 'x', 'JBSWY3DPEHPK3PXP', 7, 100), ('one', 'y', NULL, NULL, 200)`);
      legacy.exec("INSERT INTO recovery_codes (account_id, code_hash, used_at) VALUES (1, 'h1', 150), (1, 'h2', NULL)");
      legacy.exec(`INSERT INTO sessions (account_id, token_hash, created_at, expires_at, ended_at) VALUES
        (1, 't1', 1000, 9000, NULL), (2, 't2', 2000, 9000, NULL)`);
      legacy.exec(`INSERT INTO events (account_id, type, time, ip, user_agent, details) VALUES
        (1, 'login.success', 1000, '192.0.2.1', 'ua-1', '{"method":"totp"}')`);
      legacy.close();

      const upgraded = openStore(legacyDir);
      try {
        assert.equal(upgraded.db.prepare('PRAGMA user_version').get()?.user_version, migrations.length);
        const two = upgraded.accounts.findById(1)!;
        assert.deepEqual([two.totpEnabledAt, two.totpLastStep, two.totpPendingSecret], [100, 7, null]);
        assert.equal(upgraded.accounts.findById(2)!.totpEnabledAt, null);
        assert.deepEqual(upgraded.recoveryCodes.listForAccount(1).map((code) => [code.hash, code.usedAt]), [
          ['h1', 150],
          ['h2', null],
        ]);
        assert.equal(upgraded.recoveryCodes.currentGeneratedAt(1), 100, 'made when the account was');
        assert.equal(upgraded.recoveryCodes.countRemaining(1), 1);
        assert.throws(() => upgraded.db.exec('UPDATE recovery_codes SET used_at = NULL'), /burned once/);
        assert.throws(() => upgraded.db.exec('DELETE FROM recovery_codes'), /never deleted/);

        const session = upgraded.sessions.findActive('t1', 5000)!;
        assert.deepEqual(
          [session.ip, session.userAgent, session.lastSeenAt, session.confirmedUntil],
          ['192.0.2.1', 'ua-1', 1000, 0],
          'the address of the sign-in that created it; not confirmed',
        );
        const unknown = upgraded.sessions.findActive('t2', 5000)!;
        assert.deepEqual([unknown.ip, unknown.userAgent, unknown.lastSeenAt], ['', '', 2000]);
        assert.ok(upgraded.db.prepare("SELECT name FROM event_types WHERE name = 'password.changed'").get());
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  test('upgrades a version 4 database: everything kept, projects, releases and tokens added, new events accepted', () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-legacy-'));
    try {
      const legacy = new DatabaseSync(path.join(legacyDir, databaseFileName));
      for (const migration of migrations.slice(0, 4)) applyMigration(legacy, migration);
      legacy.exec('PRAGMA user_version = 4');
      legacy.exec("INSERT INTO event_types (name) VALUES ('login.success'), ('password.changed')");
      legacy.exec(`INSERT INTO accounts (username, password_hash, totp_secret, totp_enabled_at, created_at) VALUES
        ('four', 'x', 'JBSWY3DPEHPK3PXP', 100, 100)`);
      legacy.exec(`INSERT INTO sessions (account_id, token_hash, created_at, expires_at, ip, user_agent, last_seen_at, confirmed_until)
        VALUES (1, 't4', 1000, 9000, '192.0.2.4', 'ua-4', 1500, 2000)`);
      legacy.exec(`INSERT INTO events (account_id, type, time, ip, user_agent, details) VALUES
        (1, 'login.success', 1000, '192.0.2.4', 'ua-4', '{"method":"totp"}')`);
      assert.throws(() => legacy.exec("INSERT INTO events (account_id, type, time, ip, user_agent, details) VALUES (1, 'token.created', 1, '', '', '{}')"), /FOREIGN KEY/);
      legacy.close();

      const upgraded = openStore(legacyDir);
      try {
        assert.equal(upgraded.db.prepare('PRAGMA user_version').get()?.user_version, migrations.length);
        assert.equal(upgraded.accounts.findById(1)?.totpEnabledAt, 100);
        // Since migration 6 an account is never renamed or deleted (usernames are cached by id).
        assert.throws(() => upgraded.db.exec('DELETE FROM accounts WHERE id = 1'), /accounts are never deleted/);
        assert.throws(() => upgraded.db.exec("UPDATE accounts SET username = 'five' WHERE id = 1"), /usernames never change/);
        assert.equal(upgraded.accounts.usernameOf(1), 'four');
        assert.equal(upgraded.accounts.usernameOf(2), null);
        assert.deepEqual(
          [upgraded.sessions.findActive('t4', 5000)?.ip, upgraded.sessions.findActive('t4', 5000)?.confirmedUntil],
          ['192.0.2.4', 2000],
        );
        assert.deepEqual(upgraded.events.list(1, 10).map((event) => event.type), ['login.success']);

        const projectId = upgraded.projects.insert({ name: 'Four_Project', normalizedName: 'four-project', createdAt: 3000 });
        upgraded.projects.addCollaborator(projectId, 1, 'owner', 3000);
        const tokenId = upgraded.apiTokens.insert({
          accountId: 1, key: 'k'.repeat(128), preview: 'vgl_abcd', name: 'ci', description: '', permission: 'read-write',
          projectIds: [projectId], allowedCidrs: ['192.0.2.0/24'], bypass2fa: false, createdWith2fa: true, createdAt: 3000, expiresAt: 9000,
        });
        upgraded.releases.insert({
          projectId, version: '1.0.0', sha256: 'a'.repeat(64), artifact: Buffer.from('x'), publishedAt: 3100, publishedBy: 1, tokenId,
        });
        for (const type of ['token.created', 'token.revoked', 'token.refused', 'token.used_from_new_ip', 'release.published'] as const) {
          upgraded.events.append({ accountId: 1, type, time: 3200, ip: '', userAgent: '', details: {} });
        }
        const estate = upgraded.estate.projects({ accountId: 1, scopedTokenId: null, projectId: null });
        assert.deepEqual(estate.map((project) => [project.name, project.role, project.latestRelease]), [
          ['Four_Project', 'owner', { version: '1.0.0', publishedAt: 3100 }],
        ]);
        assert.deepEqual(upgraded.apiTokens.projectsOf(tokenId), [{ id: projectId, name: 'Four_Project' }]);
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  test('upgrades a version 6 database: every project keeps publishing without 2FA; the estate’s indexes are there', () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-legacy-'));
    try {
      const legacy = new DatabaseSync(path.join(legacyDir, databaseFileName));
      for (const migration of migrations.slice(0, 6)) applyMigration(legacy, migration);
      legacy.exec('PRAGMA user_version = 6');
      legacy.exec("INSERT INTO accounts (username, password_hash, totp_secret, created_at) VALUES ('six', 'x', NULL, 100)");
      legacy.exec("INSERT INTO projects (name, normalized_name, created_at) VALUES ('Six_Project', 'six-project', 200)");
      legacy.exec("INSERT INTO collaborators (project_id, account_id, role, added_at) VALUES (1, 1, 'owner', 200)");
      legacy.close();

      const upgraded = openStore(legacyDir);
      try {
        assert.equal(upgraded.db.prepare('PRAGMA user_version').get()?.user_version, migrations.length);
        const project = upgraded.projects.findByNormalizedName('six-project')!;
        assert.deepEqual(project.policy, { publishRequires2fa: false, automationTokensBypass2fa: false });
        upgraded.projects.setPolicy(project.id, { publishRequires2fa: true, automationTokensBypass2fa: true });
        assert.deepEqual(upgraded.projects.findById(project.id)?.policy, { publishRequires2fa: true, automationTokensBypass2fa: true });
        assert.deepEqual(upgraded.projects.namesRequiring2fa(1), ['Six_Project']);
        assert.throws(() => upgraded.db.exec('UPDATE projects SET publish_requires_2fa = 2'), /CHECK/);
        const indexes = upgraded.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all().map((row) => row.name);
        for (const index of ['api_token_projects_project', 'api_tokens_all_projects', 'releases_project_publisher']) {
          assert.ok(indexes.includes(index), index);
        }
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  test('upgrades a version 7 database: every event kept as it was and chained per account in id order', () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-legacy-'));
    try {
      const legacy = new DatabaseSync(path.join(legacyDir, databaseFileName));
      for (const migration of migrations.slice(0, 7)) applyMigration(legacy, migration);
      legacy.exec('PRAGMA user_version = 7');
      legacy.exec("INSERT INTO event_types (name) VALUES ('login.success'), ('login.failure'), ('login.rate_limited')");
      legacy.exec("INSERT INTO accounts (username, password_hash, created_at) VALUES ('seven', 'x', 1), ('eight', 'y', 1)");
      // Two accounts interleaved; a tally logged late with an earlier time; details written in any key order.
      legacy.exec(`INSERT INTO events (account_id, type, time, ip, user_agent, details) VALUES
        (1, 'login.failure', 1000, '192.0.2.1', 'ua', '{"reason":"invalid_password"}'),
        (2, 'login.success', 1500, '192.0.2.2', 'ua-2', '{"method":"password"}'),
        (1, 'login.success', 2000, '192.0.2.1', 'ua', '{"method":"totp"}'),
        (1, 'login.rate_limited', 1200, '198.51.100.9', '', '{"lastAt":"1970-01-01T00:00:01.300Z","count":12,"firstAt":"1970-01-01T00:00:01.200Z"}')`);
      legacy.close();

      const upgraded = openStore(legacyDir);
      try {
        assert.equal(upgraded.db.prepare('PRAGMA user_version').get()?.user_version, migrations.length);
        const rows = upgraded.db.prepare('SELECT id, account_id, seq, details FROM events ORDER BY id').all();
        assert.deepEqual(rows.map((row) => [row.id, row.account_id, row.seq]), [[1, 1, 1], [2, 2, 1], [3, 1, 2], [4, 1, 3]]);
        assert.equal(rows[3]!.details, '{"lastAt":"1970-01-01T00:00:01.300Z","count":12,"firstAt":"1970-01-01T00:00:01.200Z"}', 'text kept');
        const chainOf = (accountId: number) =>
          upgraded.events.list(accountId, 10).map(toAuditEvent).sort((a, b) => Number(a.id) - Number(b.id));
        assert.equal(verifyChain(chainOf(1), genesisHash), null);
        assert.equal(verifyChain(chainOf(2), genesisHash), null);
        assert.deepEqual(upgraded.events.head(1), { count: 3, lastId: 4, hash: chainOf(1).at(-1)!.hash });

        const id = upgraded.events.append({ accountId: 2, type: 'login.failure', time: 3000, ip: '', userAgent: '', details: { reason: 'invalid_totp' } });
        assert.equal(id, 5);
        assert.equal(verifyChain(chainOf(2), genesisHash), null, 'a new event extends the chain');
        assert.deepEqual(upgraded.events.head(2), { count: 2, lastId: 5, hash: chainOf(2).at(-1)!.hash });
        assert.throws(() => upgraded.db.exec("UPDATE events SET details = '{}' WHERE id = 1"), /append-only/);
        assert.throws(() => upgraded.db.exec('DELETE FROM events WHERE id = 5'), /append-only/);
        const indexes = upgraded.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all().map((row) => row.name);
        assert.deepEqual(indexes.sort(), [
          'events_account_ip_time',
          'events_account_ip_type_time',
          'events_account_seq',
          'events_account_time',
          'events_account_type_time',
        ]);
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  test('an insert that does not extend its account\'s chain is refused, whatever code path tries it', () => {
    const accountId = addAccount();
    store.events.append({ accountId, type: 'login.success', time: 5, ip: '192.0.2.1', userAgent: 'ua', details: {} });
    const head = store.events.head(accountId);
    const insert = (seq: number, prevHash: string) =>
      store.db
        .prepare(`INSERT INTO events (account_id, seq, type, time, ip, user_agent, details, prev_hash, hash)
          VALUES (?, ?, 'login.success', 6, '', '', '{}', ?, ?)`)
        .run(accountId, seq, prevHash, 'a'.repeat(64));
    assert.throws(() => insert(2, genesisHash), /extend its account's hash chain/, 'wrong previous hash');
    assert.throws(() => insert(3, head.hash), /extend its account's hash chain/, 'a gap');
    assert.throws(() => insert(1, genesisHash), /UNIQUE/, 'a second first event');
    assert.throws(() => insert(2, head.hash.toUpperCase()), /extend|CHECK/);
    insert(2, head.hash);
    assert.equal(store.events.head(accountId).count, 2);
  });

  test('releases are immutable, project names unique once normalised, and a token revocation is final', () => {
    const accountId = addAccount();
    const projectId = store.projects.insert({ name: 'Foo', normalizedName: 'foo', createdAt: 1 });
    assert.throws(() => store.projects.insert({ name: 'FOO', normalizedName: 'foo', createdAt: 2 }), /UNIQUE/);
    store.releases.insert({ projectId, version: '1.0', sha256: 'a'.repeat(64), artifact: Buffer.from('x'), publishedAt: 5, publishedBy: accountId, tokenId: null });
    assert.throws(() => store.releases.insert({ projectId, version: '1.0', sha256: 'b'.repeat(64), artifact: Buffer.from('y'), publishedAt: 6, publishedBy: accountId, tokenId: null }), /UNIQUE/);
    for (const sql of ["UPDATE releases SET sha256 = 'x'", 'DELETE FROM releases', "UPDATE release_artifacts SET bytes = x'00'", 'DELETE FROM release_artifacts']) {
      assert.throws(() => store.db.exec(sql), /immutable/, sql);
    }
    const tokenId = store.apiTokens.insert({
      accountId, key: 'k'.repeat(128), preview: 'vgl_abcd', name: 'ci', description: '', permission: 'read-only',
      projectIds: 'all', allowedCidrs: [], bypass2fa: false, createdWith2fa: false, createdAt: 1, expiresAt: 100,
    });
    assert.deepEqual(store.apiTokens.revokeOwn(accountId, tokenId, 10), { id: tokenId, name: 'ci' });
    assert.equal(store.apiTokens.revokeOwn(accountId, tokenId, 11), null);
    for (const sql of ['UPDATE api_tokens SET revoked_at = NULL', 'UPDATE api_tokens SET expires_at = 999', "UPDATE api_tokens SET permission = 'read-write'", 'DELETE FROM api_tokens']) {
      assert.throws(() => store.db.exec(sql), /revocation is final|never deleted/, sql);
    }
  });

  test('refuses a database written by a newer registry instead of guessing', () => {
    store.db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    store.close();
    assert.throws(() => openStore(dir), /newer registry/);
  });
});
