// Seeded IPC fuzz: the real console (app context over a real registry) called through both transports — the
// dispatcher directly, as Electron's ipcMain does, and the browser host over HTTP. Every call must come back as a
// well-formed result envelope (malformed input as invalid_request or unknown_channel, never internal), the HTTP
// layer may only answer 200 or its documented 4xx, and no password, code or token may appear in a message or a log
// line. Replay a failure with VIGIL_FUZZ_SEED=<seed printed in the test name>.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { createAppContext, type AppContext } from '../electron/app-context.ts';
import { startBrowserHost, type BrowserHost } from '../electron/browser-host/browser-host.ts';
import type { Result } from '../electron/ipc/contract.ts';
import type { CredentialStore } from '../electron/services/credential-store.ts';
import { createMemoryCredentialStore } from '../electron/services/memory-credential-store.ts';
import { openLaunchLink, type BrowserHostClient } from '../electron/test-support/browser-host-client.ts';
import { closedPort } from '../electron/test-support/http-server.ts';
import { totpCode } from '../registry/security/totp.ts';
import { startTestRegistry, type TestRegistry } from '../registry/server/test-support.ts';
import { createFuzzAgent, sendFuzzRequest, type FuzzOutcome } from './support/fuzz-http-client.ts';
import { ipcCall, type HttpVariant, type IpcCall } from './support/ipc-fuzz-cases.ts';
import { problemWithResult } from './support/ipc-result-check.ts';
import { runPool, Tally } from './support/run-pool.ts';
import { fuzzSeed, seededRandom } from './support/seeded-random.ts';
import { percentEncode, secretMarker } from './support/weird-values.ts';

const seed = fuzzSeed();
const rounds = 12;
const callsPerRound = 100;
const concurrency = 4;
const passwords = { alice: 'alice-password-Jq81', bob: 'bob-password-Wz55', carol: 'carol-password-Rr07', dave: 'dave-password-Kk26' };
// What the browser host answers (browser-host.ts, ipc-body.ts), by how the request was sent.
const expectedStatus: Record<HttpVariant, number> = {
  json: 200,
  'not-json': 400,
  'wrong-content-type': 415,
  'too-large': 413,
  'wrong-method': 405,
  'no-cookie': 403,
  'foreign-origin': 403,
  'foreign-host': 403,
};

describe(`IPC fuzz through the dispatcher and the browser host (seed ${seed})`, () => {
  let registry: TestRegistry;
  let context: AppContext;
  let host: BrowserHost;
  let client: BrowserHostClient;
  let unreachablePort: number;
  const agent = createFuzzAgent();
  const tempDirs: string[] = [];
  const logs: string[] = [];
  // Every secret sent or issued, to look for in messages, answers and logs afterwards.
  const secrets = { longLived: new Set<string>(Object.values(passwords)), codes: new Set<string>() };
  const challengeIds: string[] = [];

  const tempDir = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vigil-ipc-fuzz-${name}-`));
    tempDirs.push(dir);
    return dir;
  };

  before(async () => {
    // The console reads real time (session expiry, TOTP), so the registry does too. All IPC traffic comes from
    // 127.0.0.1, and PyPI's per-IP limit would soon refuse every sign-in, valid ones included; the per-account
    // limits stay at PyPI's values, so the lock-outs of carol and dave still exercise rate_limited.
    registry = await startTestRegistry({
      clock: Date.now,
      rateLimits: { passwordFailuresPerAccount: 10, secondFactorFailuresPerAccount: 5, failuresPerIp: 1_000_000, windowMs: 5 * 60_000 },
    });
    await registry.addUser('bob', passwords.bob, false);
    await registry.addUser('carol', passwords.carol, false);
    await registry.addUser('dave', passwords.dave, true);
    unreachablePort = await closedPort();

    context = await createAppContext({
      userDataDir: tempDir('console'),
      transport: 'browser',
      registryUrl: registry.registry.url,
      openStore: async () => ({ store: recordingKeychain(createMemoryCredentialStore()), kind: 'keychain', reason: null }),
      log: (message) => logs.push(message),
    });
    const rendererDir = tempDir('renderer');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
    host = await startBrowserHost({ rendererDir, dispatcher: context.dispatcher, log: (message) => logs.push(message) });
    client = await openLaunchLink(host.url);
  });

  after(async () => {
    agent.destroy();
    await host?.close();
    await context?.close();
    await registry?.stop();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  // The keychain stand-in notes every token the console stores, so the leak check knows them all.
  function recordingKeychain(store: CredentialStore): CredentialStore {
    return {
      ...store,
      set: async (key, secret) => {
        secrets.longLived.add((JSON.parse(secret) as { token: string }).token);
        await store.set(key, secret);
      },
    };
  }

  // POST /ipc/<channel> as the console's page would send it, or broken in the way `call.variant` says.
  async function overHttp(call: IpcCall): Promise<FuzzOutcome> {
    const headers: Record<string, string> = {
      host: client.host,
      cookie: client.cookie,
      origin: client.origin,
      'content-type': call.contentType ?? 'application/json',
    };
    if (call.variant === 'no-cookie') delete headers.cookie;
    if (call.variant === 'foreign-origin') headers.origin = 'http://evil.example';
    if (call.variant === 'foreign-host') headers.host = `127.0.0.1:${client.port}`;
    const json = JSON.stringify(call.payload) ?? '';
    const body = call.rawBody ?? (call.variant === 'too-large' ? `{"pad":"${'p'.repeat(64 * 1024)}"}` : json);
    return sendFuzzRequest(agent, {
      port: client.port,
      method: call.variant === 'wrong-method' ? 'GET' : 'POST',
      path: `/ipc/${percentEncode(String(call.channel))}`,
      headers,
      ...(call.variant === 'wrong-method' ? {} : { body: Buffer.from(body) }),
      // Half the oversized bodies come without a Content-Length, so the host has to count.
      ...(call.variant === 'too-large' && json.length % 2 === 0 ? { chunked: true } : {}),
    });
  }

  // Signs in with real credentials, so the fuzz that follows runs against a signed-in console too.
  async function validSignIn(round: number): Promise<void> {
    const registryUrl = registry.registry.url;
    if (round % 3 === 2) {
      const result = await context.dispatcher.dispatch('session:sign-in', { registryUrl, username: 'bob', password: passwords.bob });
      assert.equal(result.ok && (result.value as { status: string }).status, 'signed-in', inspect(result));
      return;
    }
    // A fresh 2FA account each time: the fuzzed calls that follow act on the signed-in account, and a session that
    // has just signed in may turn 2FA off, replace the recovery codes or end other sessions. What they did to the
    // last account must not decide whether this round can sign in.
    const username = `alice${round}`;
    const alice = await registry.addUser(username, passwords.alice, true);
    for (const code of alice.recoveryCodes!) secrets.codes.add(code);
    const challenge = await context.dispatcher.dispatch('session:sign-in', { registryUrl, username, password: passwords.alice });
    assert.ok(challenge.ok, inspect(challenge));
    const { challengeId } = challenge.value as { challengeId: string };
    // Half the rounds sign in with a TOTP code, half with a recovery code.
    const otp = round % 2 === 0 ? await totpCode(alice.totpSecret!, Date.now()) : null;
    const secondFactor = otp === null ? { recoveryCode: alice.recoveryCodes![0]! } : { otp };
    if (otp !== null) secrets.codes.add(otp);
    const verified = await context.dispatcher.dispatch('session:verify', { challengeId, ...secondFactor });
    assert.equal(verified.ok && (verified.value as { status: string }).status, 'signed-in', inspect(verified));
  }

  test(`${rounds * callsPerRound} seeded calls across every channel answer with well-formed envelopes and leak nothing`, async (t) => {
    const random = seededRandom(seed);
    const results = new Tally();
    const statuses = new Tally();
    const failures: string[] = [];
    const messages: string[] = [];
    const bodies: string[] = [];
    const counts = { direct: 0, http: 0, signedInOverviews: 0 };
    const started = Date.now();
    const inputs = { registryUrl: registry.registry.url, closedPort: unreachablePort, passwords, challengeIds };

    const fail = (message: string): null => {
      failures.push(message);
      return null;
    };
    // The envelope the dispatcher returned, or null when the HTTP layer refused the call (checked here).
    async function send(call: IpcCall, label: string): Promise<unknown> {
      counts[call.transport] += 1;
      if (call.transport === 'direct') return context.dispatcher.dispatch(call.channel, call.payload);
      const outcome = await overHttp(call);
      if (!outcome.answered) return fail(`${label}: no answer (${outcome.reason})`);
      const { status, headers, body } = outcome;
      statuses.add(status);
      bodies.push(body);
      const expected = expectedStatus[call.variant];
      if (status !== expected) return fail(`${label}: HTTP ${status} (expected ${expected}) ${body.slice(0, 120)}`);
      if (status === 403 || status === 405) return null;
      if (!String(headers['content-type']).startsWith('application/json')) return fail(`${label}: ${status} is not JSON`);
      if (status === 200) return JSON.parse(body) as unknown;
      // 400, 413 and 415 carry an envelope too, always invalid_request.
      const refused = JSON.parse(body) as Result<unknown>;
      if (refused.ok || refused.error.code !== 'invalid_request') failures.push(`${label}: HTTP ${status} with ${body.slice(0, 120)}`);
      results.add(`HTTP ${status}`);
      return null;
    }

    for (let round = 0; round < rounds; round += 1) {
      await validSignIn(round);
      const calls = Array.from({ length: callsPerRound }, () => ipcCall(random, random.chance(0.55) ? 'direct' : 'http', inputs));
      await runPool(calls, concurrency, async (call, index) => {
        const payload = inspect(call.payload, { depth: 2, maxStringLength: 80, maxArrayLength: 5, breakLength: Infinity });
        const via = call.transport === 'http' ? `http/${call.variant}` : 'direct';
        const label = `round ${round} call ${index} ${via} ${inspect(call.channel)} ${payload}`;
        const result = await send(call, label);
        if (result === null) return;
        // Over HTTP the dispatcher saw the channel as a string and the payload after a JSON round trip.
        const channel = call.transport === 'http' ? String(call.channel) : call.channel;
        const seenPayload = call.transport === 'http' ? (JSON.parse(JSON.stringify(call.payload) ?? 'null') as unknown) : call.payload;
        const problem = problemWithResult(channel, seenPayload, result);
        if (problem) failures.push(`${label}: ${problem} — got ${inspect(result, { depth: 3 })}`);
        const envelope = result as Result<{ status?: string; challengeId?: string }>;
        results.add(envelope.ok ? 'ok' : envelope.error.code);
        if (!envelope.ok) messages.push(envelope.error.message);
        if (envelope.ok && channel === 'account:get-overview') counts.signedInOverviews += 1;
        if (envelope.ok && envelope.value.challengeId) challengeIds.push(envelope.value.challengeId);
      });
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    t.diagnostic(
      `seed ${seed}: ${counts.direct + counts.http} calls (${counts.direct} direct, ${counts.http} over HTTP) in ${seconds} s; ` +
        `results ${results}; HTTP status ${statuses}; ${failures.length} failures`,
    );
    assert.ok(counts.direct + counts.http >= 1_000, `only ${counts.direct + counts.http} calls were made`);
    assert.ok(counts.signedInOverviews > 0, 'some overview calls ran signed in');
    assert.deepEqual(failures.slice(0, 20), [], `seed ${seed}: ${failures.length} calls were not answered as the contract documents`);

    // Passwords, tokens and recovery codes are long enough to look for anywhere; six-digit codes only in messages
    // and logs, where no other number that long belongs.
    const leaks: string[] = [];
    const distinctive = [...secrets.longLived, ...secrets.codes, secretMarker];
    for (const text of [...messages, ...logs]) {
      for (const secret of distinctive) if (text.includes(secret)) leaks.push(`${JSON.stringify(secret)} in ${JSON.stringify(text.slice(0, 160))}`);
      if (/\b\d{6}\b/.test(text)) leaks.push(`a six-digit number in ${JSON.stringify(text.slice(0, 160))}`);
    }
    for (const body of bodies) for (const secret of distinctive) if (body.includes(secret)) leaks.push(`${JSON.stringify(secret)} in an HTTP answer`);
    t.diagnostic(
      `leak check: ${distinctive.length} secrets (passwords, tokens, codes) looked for in ${messages.length} messages, ` +
        `${bodies.length} HTTP answers and ${logs.length} log lines`,
    );
    assert.deepEqual(leaks.slice(0, 10), [], 'secrets leaked into messages, answers or logs');
  });

  test('afterwards both transports still answer a valid call', async () => {
    const info = await client.ipc('app:get-info', 'null');
    assert.equal(info.status, 200);
    assert.equal(JSON.parse(info.body).ok, true);
    const credentials = { registryUrl: registry.registry.url, username: 'bob', password: passwords.bob };
    const signedIn = await context.dispatcher.dispatch('session:sign-in', credentials);
    assert.ok(signedIn.ok, inspect(signedIn));
    const overview = await context.dispatcher.dispatch('account:get-overview', undefined);
    assert.ok(overview.ok && (overview.value as { username: string }).username === 'bob', inspect(overview));
  });
});
