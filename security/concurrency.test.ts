// Every guard that exists only for concurrency, tested by racing it: weaken one and a test here fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { demoAccount, seedDemo } from '../registry/seed/demo.ts';
import { owaspArgon2Params } from '../registry/security/passwords.ts';
import { AccountCreationError, createAccount, type CreatedAccount } from '../registry/server/accounts.ts';
import { fastHashing, listEvents, startTestRegistry, type TestRegistry, type TestResponse } from '../registry/server/test-support.ts';
import { migrations } from '../registry/store/schema.ts';
import { openStore } from '../registry/store/store.ts';

const root = path.resolve(import.meta.dirname, '..');
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-race-'));
  tempDirs.push(dir);
  return dir;
}
after(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('sign-in races', () => {
  let harness: TestRegistry;
  let carol: CreatedAccount;
  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('alice', 'alice-password', false);
    carol = await harness.addUser('carol', 'carol-password', true);
  });
  after(() => harness.stop());

  const attempt = (body: Record<string, string>, from: string) => harness.request('POST', '/api/v1/session', { body, from });
  const statuses = (responses: { status: number }[]) => responses.map((response) => response.status).sort();
  // The requests that lose the race get the answer a second, later use would get (or the rate limit), never a 5xx.
  const assertLosersRefusedCleanly = (responses: TestResponse[], code: string) => {
    const codes = responses.filter((response) => response.status !== 200).map((response) => response.json?.error?.code);
    assert.ok(codes.every((answer) => answer === code || answer === 'rate_limited'), codes.join(' '));
  };

  test('one TOTP code sent by 8 requests at once signs in exactly once (the conditional step update)', async () => {
    const otp = await harness.otp(carol.totpSecret!);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt({ username: 'carol', password: 'carol-password', otp }, `127.0.4.${i + 1}`)),
    );
    assert.equal(responses.filter((response) => response.status === 200).length, 1, statuses(responses).join(' '));
    assertLosersRefusedCleanly(responses, 'invalid_otp');
    harness.clock.now += 10 * 60_000;
  });

  test('one recovery code sent by 8 requests at once signs in exactly once (the conditional burn)', async () => {
    const recoveryCode = carol.recoveryCodes![0]!;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt({ username: 'carol', password: 'carol-password', recoveryCode }, `127.0.5.${i + 1}`)),
    );
    assert.equal(responses.filter((response) => response.status === 200).length, 1, statuses(responses).join(' '));
    assertLosersRefusedCleanly(responses, 'burned_recovery_code');
    const token = responses.find((response) => response.status === 200)!.json.token as string;
    const used = (await listEvents(harness, token)).filter((event) => event.type === 'recovery_code.used');
    assert.equal(used.length, 1);
    harness.clock.now += 10 * 60_000;
  });

  test('concurrent wrong passwords cannot slip past the limit: exactly 10 of 40 are evaluated', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt({ username: 'alice', password: 'wrong' }, `127.0.1.${i + 1}`)),
    );
    assert.deepEqual(statuses(responses), [...Array(10).fill(401), ...Array(30).fill(429)]);
    assert.equal((await attempt({ username: 'alice', password: 'alice-password' }, '127.0.0.2')).status, 429);
    harness.clock.now += 10 * 60_000;
    const token = (await attempt({ username: 'alice', password: 'alice-password' }, '127.0.0.2')).json.token as string;
    const events = await listEvents(harness, token);
    assert.equal(events.filter((event) => event.type === 'login.failure').length, 10);
    const refused = events.filter((event) => event.type === 'login.rate_limited');
    assert.equal(refused.reduce((sum, event) => sum + Number(event.details.count), 0), 31, 'every refusal is counted');
    harness.clock.now += 10 * 60_000;
  });

  // Production hashing, so that the attempts overlap as they do in real life: cheap test hashes finish before the
  // next request arrives, and would never fill the ten slots.
  const slowAccount = (username: string, totp: boolean) =>
    createAccount(harness.dataDir, { username, password: `${username}-password`, totp }, { passwordHashing: owaspArgon2Params });

  test('30 correct sign-ins from 30 addresses at once all succeed and log no failure (slots, not refusals)', async () => {
    await slowAccount('olga', false);
    const before = harness.clock.now;
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt({ username: 'olga', password: 'olga-password' }, `127.0.2.${i + 1}`)),
    );
    assert.deepEqual(statuses(responses), Array(30).fill(200));
    const events = (await listEvents(harness, responses[0]!.json.token)).filter((event) => Date.parse(event.time) >= before);
    assert.deepEqual(new Set(events.map((event) => event.type)), new Set(['login.success']));
    assert.equal(events.length, 30);
  });

  test('correct second factors sent at once all succeed too', async () => {
    const pia = await slowAccount('pia', true);
    const before = harness.clock.now;
    const codes = pia.recoveryCodes!;
    const responses = await Promise.all(
      codes.map((recoveryCode, i) => attempt({ username: 'pia', password: 'pia-password', recoveryCode }, `127.0.3.${i + 1}`)),
    );
    assert.deepEqual(statuses(responses), Array(codes.length).fill(200));
    const events = (await listEvents(harness, responses[0]!.json.token)).filter((event) => Date.parse(event.time) >= before);
    assert.deepEqual(events.filter((event) => event.type === 'login.failure' || event.type === 'login.rate_limited'), []);
  });
});

describe('data folder races', () => {
  test('two connections creating the same account at once: one succeeds, the other gets duplicate_username', async () => {
    const dir = tempDir();
    const [a, b] = [openStore(dir), openStore(dir)];
    try {
      const outcomes = await Promise.allSettled([
        createAccount(a, { username: 'dana', password: 'dana-password', totp: true }, { passwordHashing: fastHashing }),
        createAccount(b, { username: 'Dana', password: 'other-password', totp: false }, { passwordHashing: fastHashing }),
      ]);
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      assert.ok(failed?.reason instanceof AccountCreationError, String(failed?.reason));
      assert.equal(failed.reason.code, 'duplicate_username');
    } finally {
      a.close();
      b.close();
    }
  });

  test('two connections seeding the demo at once: one account, its history written once', async () => {
    const dir = tempDir();
    const [a, b] = [openStore(dir), openStore(dir)];
    try {
      const seeded = await Promise.all([seedDemo(a, { passwordHashing: fastHashing }), seedDemo(b, { passwordHashing: fastHashing })]);
      assert.deepEqual(seeded.sort(), [false, true]);
      const accountId = a.accounts.findByUsername(demoAccount.username)!.id;
      const count = a.db.prepare('SELECT count(*) AS n FROM events WHERE account_id = ?').get(accountId) as { n: number };
      const alone = openStore(tempDir());
      try {
        await seedDemo(alone, { passwordHashing: fastHashing });
        // The demo's other accounts have events of their own: compare the demo account's alone.
        const aloneId = alone.accounts.findByUsername(demoAccount.username)!.id;
        const expected = alone.db.prepare('SELECT count(*) AS n FROM events WHERE account_id = ?').get(aloneId) as { n: number };
        assert.equal(count.n, expected.n);
        const everything = (store: typeof a) => (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
        assert.equal(everything(a), everything(alone), 'nothing written twice for any account');
      } finally {
        alone.close();
      }
    } finally {
      a.close();
      b.close();
    }
  });

  // A race between processes is won or lost by scheduling: eight processes, five fresh folders (a weakened guard
  // loses about one round in three).
  for (let round = 1; round <= 5; round += 1) {
    test(`eight processes opening one fresh folder at the same moment all succeed, and it is migrated once (${round})`, async () => {
      const dir = tempDir();
      const go = path.join(dir, 'go');
      const store = new URL('../registry/store/store.ts', import.meta.url).href;
      // Each child loads the store module, says it is ready, then waits for the same "go" so they open together.
      const script = `import fs from 'node:fs';
        const { openStore } = await import(${JSON.stringify(store)});
        process.stdout.write('ready\\n');
        while (!fs.existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 1));
        openStore(${JSON.stringify(dir)}).close();`;
      const children = Array.from({ length: 8 }, () =>
        spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }),
      );
      await Promise.all(children.map((child) => new Promise((resolve) => child.stdout.once('data', resolve))));
      fs.writeFileSync(go, '');
      const exits = await Promise.all(
        children.map(
          (child) =>
            new Promise<string>((resolve) => {
              let stderr = '';
              child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
              child.on('exit', (code) => resolve(`${code} ${stderr}`.trim()));
            }),
        ),
      );
      assert.deepEqual(exits, Array(8).fill('0'));
      const opened = openStore(dir);
      try {
        assert.equal((opened.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version, migrations.length);
      } finally {
        opened.close();
      }
    });
  }

  test('closing a registry twice at once closes the store only after the server; an open tally stays on disk', async () => {
    const harness = await startTestRegistry();
    tempDirs.push(harness.dataDir);
    await harness.addUser('erin', 'erin-password', false);
    // Ten wrong passwords reach the limit; the eleventh attempt is refused and tallied in memory.
    for (let i = 0; i < 11; i += 1) {
      await harness.request('POST', '/api/v1/session', { body: { username: 'erin', password: 'wrong' } });
    }
    await Promise.all([harness.registry.close(), harness.registry.close()]);
    await harness.registry.close();
    const store = openStore(harness.dataDir);
    try {
      const erin = store.accounts.findByUsername('erin')!.id;
      assert.equal(store.refusalTallies.count(erin, 0, harness.clock.now), 1);
    } finally {
      store.close();
    }
  });
});
