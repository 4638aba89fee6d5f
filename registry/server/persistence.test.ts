import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openStore } from '../store/store.ts';
import { ProjectsResponse } from '../contract/project-schemas.ts';
import { TokensResponse } from '../contract/token-schemas.ts';
import { parseCidr, parseIp, rangeContains } from '../contract/cidr.ts';
import { demoAccount, seedDemo } from '../seed/demo.ts';
import { demoAddresses, demoNetworks } from '../seed/demo-places.ts';
import { fastHashing, listEvents, signIn, startTestRegistry } from './test-support.ts';
import { AccountCreationError, createAccount } from './accounts.ts';

describe('data folder', () => {
  test('accounts, sessions and events survive a restart', async () => {
    const harness = await startTestRegistry();
    try {
      await harness.addUser('hana', 'hana-password', false);
      const token = await signIn(harness, { username: 'hana', password: 'hana-password' });
      await harness.restart();
      const account = await harness.request('GET', '/api/v1/account', { token });
      assert.equal(account.status, 200);
      assert.equal(account.json.username, 'hana');
      const events = await harness.request('GET', '/api/v1/account/events', { token });
      assert.equal(events.json.events.length, 1);
    } finally {
      await harness.stop();
    }
  });

  test('an account created by another connection while the server runs can sign in at once', async () => {
    const harness = await startTestRegistry();
    try {
      const created = await harness.addUser('ivan', 'ivan-password', true);
      await signIn(harness, { username: 'ivan', password: 'ivan-password', otp: await harness.otp(created.totpSecret!) });
    } finally {
      await harness.stop();
    }
  });

  test('createAccount refuses duplicates (any case), bad usernames and empty passwords', async () => {
    const harness = await startTestRegistry();
    try {
      await harness.addUser('jo', 'pw', false);
      const attempts: Array<[string, string, string]> = [
        ['JO', 'pw', 'duplicate_username'],
        ['-jo', 'pw', 'invalid_username'],
        ['has space', 'pw', 'invalid_username'],
        ['kim', '', 'invalid_password'],
      ];
      for (const [username, password, code] of attempts) {
        await assert.rejects(
          createAccount(harness.dataDir, { username, password, totp: false }, { passwordHashing: fastHashing }),
          (error: unknown) => error instanceof AccountCreationError && error.code === code,
        );
      }
    } finally {
      await harness.stop();
    }
  });
});

describe('secrets at rest', () => {
  test('the data folder holds no password, session token or recovery code in clear', async () => {
    const harness = await startTestRegistry();
    try {
      const created = await harness.addUser('nia', 'nia-very-secret-password', true);
      const token = await signIn(harness, {
        username: 'nia',
        password: 'nia-very-secret-password',
        recoveryCode: created.recoveryCodes![0]!,
      });
      const files = fs.readdirSync(harness.dataDir).map((name) => fs.readFileSync(path.join(harness.dataDir, name)));
      const everything = Buffer.concat(files).toString('latin1');
      const secrets = ['nia-very-secret-password', token, ...created.recoveryCodes!, ...created.recoveryCodes!.map((c) => c.replace(/-/g, ''))];
      for (const secret of secrets) assert.equal(everything.includes(secret), false);
      assert.ok(everything.includes(createHash('sha256').update(token).digest('hex')), 'the token is kept as its SHA-256');
    } finally {
      await harness.stop();
    }
  });
});

describe('demo seed', () => {
  test('creates the demo account with 2FA, 7 of 8 recovery codes left and five weeks of history', async () => {
    const harness = await startTestRegistry({ seed: 'demo' });
    try {
      const token = await signIn(harness, {
        username: demoAccount.username,
        password: demoAccount.password,
        otp: await harness.otp(demoAccount.totpSecret),
      });
      const account = (await harness.request('GET', '/api/v1/account', { token })).json;
      const day = 24 * 60 * 60 * 1000;
      assert.deepEqual(Object.keys(account.twoFactor), ['enabled', 'methods', 'enabledAt', 'recoveryCodesRemaining', 'recoveryCodesGeneratedAt']);
      assert.deepEqual([account.twoFactor.enabled, account.twoFactor.methods, account.twoFactor.recoveryCodesRemaining], [true, ['totp'], 7]);
      // 2FA went back on after the break-in, three weeks ago, with the codes the demo publishes.
      const enabledAt = Date.parse(account.twoFactor.enabledAt);
      assert.ok(harness.clock.now - enabledAt > 21 * day && harness.clock.now - enabledAt < 23 * day, '2FA back on three weeks ago');
      assert.equal(account.twoFactor.recoveryCodesGeneratedAt, account.twoFactor.enabledAt);

      const events = await listEvents(harness, token);
      const history = events.slice(1);
      const oldest = Date.parse(history.at(-1)!.time);
      assert.ok(harness.clock.now - oldest > 33 * 24 * 60 * 60 * 1000, 'about five weeks back');
      assert.ok(history.every((event) => Date.parse(event.time) < harness.clock.now));
      const successes = history.filter((event) => event.type === 'login.success');
      const { home, office, cafe, ciRunner, londonHotel, intruder } = demoAddresses;
      assert.deepEqual(
        new Set(successes.map((event) => event.ip)),
        new Set([home.ip, office.ip, cafe.ip, ciRunner.ip, londonHotel.ip, intruder.ip]),
        'home, office, the trip, the intruder, and the two devices with sessions still open',
      );
      const generated = history.filter((event) => event.type === 'recovery_codes.generated');
      assert.deepEqual(generated.map((event) => [event.time, event.details]), [
        [account.twoFactor.recoveryCodesGeneratedAt, { reason: 'enabled', count: 8 }],
      ]);
      const turns = history.filter((event) => event.type === 'two_factor.disabled' || event.type === 'two_factor.enabled').reverse();
      assert.deepEqual(turns.map((event) => event.type), ['two_factor.disabled', 'two_factor.enabled'], '2FA off, then on again');
      for (const type of ['session.confirmed', 'recovery_code.checked', 'password.changed']) {
        assert.ok(history.some((event) => event.type === type), type);
      }
      // The demo's own sign-in is the newest; the one before it is the CI runner's, whose session is still open.
      assert.equal(account.previousSignIn.ip, ciRunner.ip);
      const reasons = history.filter((event) => event.type === 'login.failure').map((event) => event.details.reason);
      assert.ok(reasons.filter((reason) => reason === 'invalid_password').length >= 10);
      const refused = history.filter((event) => event.type === 'login.rate_limited');
      assert.equal(refused.length, 1, 'the refused burst is one summary');
      assert.equal(refused[0]!.details.count, 212);
      assert.equal(history.filter((event) => event.type === 'recovery_code.used').length, 2, 'one when the phone broke, one of the current codes');
      // The intruder got in with the password while 2FA was off; the password change ended its session.
      const breakIn = successes.find((event) => event.ip === intruder.ip)!;
      assert.equal(breakIn.details.method, 'password');
      const ended = history.find((event) => event.type === 'session.ended' && event.details.reason === 'password_changed')!;
      assert.ok(Date.parse(ended.time) > Date.parse(breakIn.time));
      const store = openStore(harness.dataDir);
      try {
        const session = store.db.prepare('SELECT ip, created_at, ended_at FROM sessions WHERE id = ?').get(Number(ended.details.sessionId));
        assert.deepEqual({ ...session }, { ip: intruder.ip, created_at: Date.parse(breakIn.time), ended_at: Date.parse(ended.time) });
      } finally {
        store.close();
      }

      // The burned code is refused as burned; the others work.
      const burned = await harness.request('POST', '/api/v1/session', {
        body: { username: 'demo', password: demoAccount.password, recoveryCode: demoAccount.recoveryCodes[0] },
      });
      assert.equal(burned.json.error.code, 'burned_recovery_code');
      await signIn(harness, { username: 'demo', password: demoAccount.password, recoveryCode: demoAccount.recoveryCodes[1] });
    } finally {
      await harness.stop();
    }
  });

  test('two other devices have sessions open, with real user agents and tokens nobody holds', async () => {
    const harness = await startTestRegistry({ seed: 'demo' });
    try {
      const token = await signIn(harness, {
        username: demoAccount.username,
        password: demoAccount.password,
        otp: await harness.otp(demoAccount.totpSecret),
      });
      const { sessions } = (await harness.request('GET', '/api/v1/account/sessions', { token })).json;
      assert.equal(sessions.length, 3);
      assert.deepEqual(sessions.map((session: { current: boolean }) => session.current), [true, false, false]);
      const others = sessions.slice(1);
      assert.deepEqual(others.map((session: { ip: string }) => session.ip), [demoAddresses.ciRunner.ip, demoAddresses.cafe.ip]);
      assert.match(others[0].userAgent, /^npm\/.* ci\/github-actions$/);
      assert.match(others[1].userAgent, /Safari/);
      for (const session of others) {
        assert.ok(Date.parse(session.lastSeenAt) > Date.parse(session.createdAt));
        assert.ok(Date.parse(session.lastSeenAt) < harness.clock.now);
      }
      // Each started with a sign-in in the log.
      const successTimes = new Set((await listEvents(harness, token)).filter((e) => e.type === 'login.success').map((e) => e.time));
      for (const session of others) assert.ok(successTimes.has(session.createdAt), session.ip);
    } finally {
      await harness.stop();
    }
  });

  test('has projects (owner of five, maintainer of one) with releases, and API tokens in every state', async () => {
    const harness = await startTestRegistry({ seed: 'demo' });
    try {
      const token = await signIn(harness, {
        username: demoAccount.username,
        password: demoAccount.password,
        otp: await harness.otp(demoAccount.totpSecret),
      });
      const now = harness.clock.now;
      const day = 24 * 60 * 60 * 1000;
      const { projects } = ProjectsResponse.parse((await harness.request('GET', '/api/v1/projects', { token })).json);
      assert.deepEqual(projects.map((project) => [project.name, project.role, project.latestRelease?.version ?? null]), [
        ['Acme.CLI', 'owner', '1.0.0'],
        ['acme-docs-theme', 'owner', '0.3.0'],
        ['acme-http', 'owner', '2.4.1'],
        ['acme-schema', 'owner', '0.1.0'],
        ['acme-testkit', 'owner', null],
        ['yaml-lint-rules', 'maintainer', '3.1.1'],
      ]);

      const all = TokensResponse.parse((await harness.request('GET', '/api/v1/tokens?state=all', { token })).json).tokens;
      const active = TokensResponse.parse((await harness.request('GET', '/api/v1/tokens', { token })).json).tokens;
      const named = (name: string) => all.find((entry) => entry.name === name)!;
      const age = (time: string) => now - Date.parse(time);
      assert.equal(all.length, 8);
      assert.deepEqual(active.map((entry) => entry.name).sort(), [
        'CI publish acme-http',
        'Docs preview bot',
        'Download stats dashboard',
        'Hotfix yaml-lint-rules',
        'Laptop releases',
        'Old mirror script',
      ]);
      // Active, scoped, limited to the CI runners' network, used minutes ago.
      const ci = named('CI publish acme-http');
      assert.deepEqual([ci.permission, ci.projects, ci.allowedCidrs, ci.lastUsed?.ip], ['read-write', ['acme-http'], [demoNetworks.ciRunners], demoAddresses.ciRunner.ip]);
      assert.ok(age(ci.lastUsed!.time) < 10 * 60 * 1000);
      // All projects, no address limit, bypassing 2FA.
      const laptop = named('Laptop releases');
      assert.deepEqual([laptop.permission, laptop.projects, laptop.allowedCidrs, laptop.bypass2fa], ['read-write', 'all', [], true]);
      assert.equal(named('Download stats dashboard').permission, 'read-only');
      assert.deepEqual(named('Download stats dashboard').allowedCidrs, [demoNetworks.dashboard]);
      // A token limited to some addresses was only ever used from inside them.
      for (const limited of all.filter((entry) => entry.allowedCidrs.length > 0 && entry.lastUsed)) {
        const inside = limited.allowedCidrs.some((cidr) => {
          const range = parseCidr(cidr);
          return range.ok && rangeContains(range.range, parseIp(limited.lastUsed!.ip)!);
        });
        assert.ok(inside, `${limited.name} used from ${limited.lastUsed!.ip}`);
      }
      // Expiring within a week.
      assert.ok(-age(named('Hotfix yaml-lint-rules').expiresAt) < 7 * day && -age(named('Hotfix yaml-lint-rules').expiresAt) > 0);
      // Stale: never used and over 30 days old; unused for over 90 days.
      const neverUsed = named('Old mirror script');
      assert.ok(neverUsed.lastUsed === null && age(neverUsed.createdAt) > 30 * day);
      assert.ok(age(named('Docs preview bot').lastUsed!.time) > 90 * day);
      // Revoked, and expired.
      assert.ok(named('Release candidate CI').revokedAt !== null);
      const expired = named('Conference demo');
      assert.ok(expired.revokedAt === null && age(expired.expiresAt) > 0);
      assert.ok(all.every((entry) => entry.createdWith2fa && /^vgl_[A-Za-z0-9]{4}$/.test(entry.preview)));

      const events = await listEvents(harness, token);
      const types = new Set(events.map((event) => event.type));
      for (const type of ['token.created', 'token.revoked', 'token.refused', 'token.used_from_new_ip', 'release.published'] as const) {
        assert.ok(types.has(type), type);
      }
      const published = events.filter((event) => event.type === 'release.published').map((event) => event.details);
      assert.deepEqual(published[0], { project: 'acme-http', version: '2.4.1', via: 'token', tokenId: ci.id, tokenName: ci.name });
    } finally {
      await harness.stop();
    }
  });

  test('is idempotent: seeding again changes nothing', async () => {
    const harness = await startTestRegistry({ seed: 'demo' });
    try {
      await harness.restart();
      const store = openStore(harness.dataDir);
      try {
        const count = () => (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
        const before = count();
        assert.equal(await seedDemo(store, { passwordHashing: fastHashing }), false);
        assert.equal(count(), before);
        // The demo, and the two other people of the demo (seed/demo-people.ts).
        assert.equal((store.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n, 3);
        // The demo's eight, and one each of the others'.
        assert.equal((store.db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n, 10);
      } finally {
        store.close();
      }
    } finally {
      await harness.stop();
    }
  });
});
