// Seeded HTTP fuzz of the reference registry: thousands of hostile requests across every route of the route table,
// the OpenAPI document, unknown paths and wrong methods, and malformed HTTP at the socket level. Every answer must
// be one the contract documents (never a 5xx, errors always {"error":{"code","message"}}), and afterwards the
// registry must still sign people in and hold only documented audit events. Replay a failure with
// VIGIL_FUZZ_SEED=<seed printed in the test name>.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../registry/contract/routes.ts';
import { EventsResponse, eventTypes, SessionResponse, type AuditEvent } from '../registry/contract/schemas.ts';
import { signIn, startTestRegistry, type TestRegistry } from '../registry/server/test-support.ts';
import { createFuzzAgent, sendFuzzRequest } from './support/fuzz-http-client.ts';
import { rawExchange } from './support/raw-http.ts';
import type { RawCase } from './support/raw-request-cases.ts';
import { problemWithAnswer } from './support/registry-answer-check.ts';
import { registryFuzzCases, type FuzzCase, type HttpCase } from './support/registry-fuzz-cases.ts';
import { runPool, Tally } from './support/run-pool.ts';
import { fuzzSeed, seededRandom } from './support/seeded-random.ts';

const seed = fuzzSeed();
const caseCount = 2_400;
const concurrency = 8;
// Short, so requests cut off half-way are answered (408) within a second instead of Node's 30 s default.
const httpLimits = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, timeoutCheckIntervalMs: 100 };
// Sign-ins come from 41 loopback addresses, so the per-IP limit (10 failures per 5 minutes) is met by some
// addresses and not others, and the fuzz reaches the password and code checks as well as the 429.
const addresses = ['127.0.0.1', ...Array.from({ length: 40 }, (_, index) => `127.0.1.${index + 2}`)];
const passwords = { alice: 'alice-password-7Qx2', bob: 'bob-password-Vm93', carol: 'carol-password-Lp40' };
const rateLimitWindowMs = 5 * 60_000;

interface Failure {
  index: number;
  family: string;
  request: string;
  problem: string;
}

describe(`registry HTTP fuzz (seed ${seed})`, () => {
  let harness: TestRegistry;
  let port: number;
  const agent = createFuzzAgent();
  // alice (2FA) and bob hold sessions for the whole run; "ended" ones were signed out; "disposable" ones are for
  // requests that may end the session they name.
  const tokens = { alice: '', bob: '', ended: [] as string[], disposable: [] as string[] };
  // API tokens: alice's read-write one covers fuzz-alpha from 127.0.0.0/24 only, bob's is read-only, one is revoked.
  const apiTokens = { aliceToken: '', bobToken: '', revokedToken: '' };
  let cases: FuzzCase[] = [];

  before(async () => {
    harness = await startTestRegistry({ httpLimits });
    port = Number(new URL(harness.registry.url).port);
    const alice = await harness.addUser('alice', passwords.alice, true);
    await harness.addUser('bob', passwords.bob, false);
    await harness.addUser('carol', passwords.carol, false);
    tokens.alice = await signIn(harness, { username: 'alice', password: passwords.alice, otp: await harness.otp(alice.totpSecret!) });
    tokens.bob = await signIn(harness, { username: 'bob', password: passwords.bob });
    const ended = await signIn(harness, { username: 'bob', password: passwords.bob });
    assert.equal((await harness.request('DELETE', '/api/v1/session', { token: ended })).status, 204);
    tokens.ended.push(ended);
    const page = await harness.request('GET', '/api/v1/account/events?limit=1', { token: tokens.bob });
    assert.equal(typeof page.json.nextCursor, 'string', 'bob has more than one event, so a cursor exists');
    // Requests made as bob (the only account whose sessions DELETE ends) may name alice's session, which is not
    // bob's to end, and ids nobody has.
    const aliceSessions = await harness.request('GET', routes.listSessions.path, { token: tokens.alice });
    const aliceSessionId = aliceSessions.json.sessions[0].id as string;
    harness.addProject('fuzz-alpha', 'alice', { bob: 'maintainer' });
    harness.addProject('Fuzz_Beta', 'bob');
    harness.addProject('carols-project', 'carol');
    const makeToken = async (session: string, body: Record<string, unknown>) => {
      const response = await harness.request('POST', routes.createToken.path, { token: session, body });
      assert.equal(response.status, 201, JSON.stringify(response.json));
      return response.json as { id: string; token: string };
    };
    apiTokens.aliceToken = (await makeToken(tokens.alice, { name: 'fuzz', permission: 'read-write', projects: ['fuzz-alpha'], expiresInDays: 90, allowedCidrs: ['127.0.0.0/24'] })).token;
    apiTokens.bobToken = (await makeToken(tokens.bob, { name: 'fuzz', permission: 'read-only', projects: ['fuzz-alpha'], expiresInDays: 365 })).token;
    const revoked = await makeToken(tokens.alice, { name: 'revoked', permission: 'read-write', projects: ['fuzz-alpha'] });
    apiTokens.revokedToken = revoked.token;
    assert.equal((await harness.request('DELETE', routes.revokeToken.path.replace('{id}', revoked.id), { token: tokens.alice })).status, 204);
    const aliceTokenId = (await makeToken(tokens.alice, { name: 'named by the fuzz', permission: 'read-only', projects: 'all' })).id;

    cases = registryFuzzCases(seededRandom(seed), caseCount, {
      addresses,
      alice: { password: passwords.alice, recoveryCodes: alice.recoveryCodes! },
      bob: { password: passwords.bob },
      cursor: page.json.nextCursor,
      sessionIds: [aliceSessionId, '987654321', '9007199254740993'],
      projects: ['fuzz-alpha', 'FUZZ.ALPHA', 'fuzz_beta', 'Fuzz-Beta', 'carols-project', 'no-such-project'],
      // A DELETE or revoke as bob may name alice's token, which is not bob's to revoke, and ids nobody has.
      tokenIds: [aliceTokenId, '987654321', '9007199254740993'],
    });
    const enders = cases.filter((fuzzCase) => fuzzCase.kind === 'http' && endsSession(fuzzCase)).length;
    for (let index = 0; index < enders; index += 1) {
      tokens.disposable.push(await signIn(harness, { username: 'bob', password: passwords.bob }));
    }
  });

  after(async () => {
    agent.destroy();
    await harness?.stop();
  });

  // A DELETE ends whichever session it names, so it only ever gets a disposable one, never alice's or bob's.
  const endsSession = (fuzzCase: HttpCase) => fuzzCase.method.toUpperCase() === 'DELETE' && fuzzCase.auth !== 'none';
  // Ending the other sessions would end bob's long-lived one (or all the disposable ones), so it only ever runs as
  // alice, whose other sessions nobody needs.
  const endsOtherSessions = (fuzzCase: HttpCase) =>
    fuzzCase.method.toUpperCase() === 'POST' && fuzzCase.path.split('?')[0] === routes.endOtherSessions.path;

  function authorization(fuzzCase: HttpCase): string | string[] | undefined {
    const { auth } = fuzzCase;
    const token = (who: 'alice' | 'bob'): string => {
      if (endsOtherSessions(fuzzCase)) return tokens.alice;
      if (!endsSession(fuzzCase)) return tokens[who];
      const disposable = tokens.disposable.pop() ?? tokens.ended[0]!;
      tokens.ended.push(disposable);
      return disposable;
    };
    if (auth === 'none') return undefined;
    if (auth === 'ended') return `Bearer ${tokens.ended[0]}`;
    if (auth === 'aliceToken' || auth === 'bobToken' || auth === 'revokedToken') return `Bearer ${apiTokens[auth]}`;
    if (auth === 'alice') return `Bearer ${token('alice')}`;
    if (auth === 'bob' || auth === 'disposable') return `Bearer ${token('bob')}`;
    const fill = (header: string) =>
      (header.includes('%TOKEN%') ? header.replaceAll('%TOKEN%', token('bob')) : header).replaceAll('%APITOKEN%', apiTokens.bobToken);
    return Array.isArray(auth.header) ? auth.header.map(fill) : fill(auth.header);
  }

  test(`${caseCount} seeded requests across every endpoint are answered in the documented shape, never 5xx`, async (t) => {
    const statuses = new Tally();
    const codes = new Tally();
    const families = new Tally();
    const failures: Failure[] = [];
    const counts = { http: 0, raw: 0 };
    const started = Date.now();
    const tally = (status: number, body: string) => {
      statuses.add(status);
      if (status >= 400) codes.add(/"code":"([a-z_]+)"/.exec(body)?.[1] ?? '(none)');
    };

    await runPool(cases, concurrency, async (fuzzCase, index) => {
      // Let rate-limit windows slide now and then, so later requests are not all refused with 429.
      if (index > 0 && index % 250 === 0) harness.clock.now += rateLimitWindowMs + 1_000;
      families.add(fuzzCase.kind === 'raw' ? `raw ${fuzzCase.expect === 'timeout' ? 'truncated' : 'other'}` : fuzzCase.family);
      counts[fuzzCase.kind] += 1;
      const problem = fuzzCase.kind === 'raw' ? await sendRaw(fuzzCase, index, tally) : await sendHttp(fuzzCase, tally);
      if (problem) failures.push({ index, family: fuzzCase.family, request: describeCase(fuzzCase), problem });
    });

    const total = counts.http + counts.raw;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    t.diagnostic(
      `seed ${seed}: ${total} requests (${counts.http} HTTP, ${counts.raw} raw socket) in ${seconds} s; ` +
        `status ${statuses}; codes ${codes}; ${failures.length} failures`,
    );
    t.diagnostic(`request families: ${families}`);
    assert.ok(total >= 2_000, `only ${total} requests were sent`);
    assert.deepEqual(summarise(failures), [], `seed ${seed}: ${failures.length} requests were not answered as the contract documents`);
  });

  async function sendHttp(fuzzCase: HttpCase, tally: (status: number, body: string) => void): Promise<string | null> {
    const authHeader = authorization(fuzzCase);
    const outcome = await sendFuzzRequest(agent, {
      port,
      method: fuzzCase.method,
      path: fuzzCase.path,
      headers: { ...fuzzCase.headers, ...(authHeader === undefined ? {} : { authorization: authHeader }) },
      ...(fuzzCase.body ? { body: fuzzCase.body } : {}),
      ...(fuzzCase.chunked ? { chunked: true } : {}),
      ...(fuzzCase.from ? { from: fuzzCase.from } : {}),
    });
    if (!outcome.answered) return `no answer: ${outcome.reason}`;
    tally(outcome.status, outcome.body);
    const { status, headers, body } = outcome;
    return problemWithAnswer({ method: fuzzCase.method, target: fuzzCase.path, status, headers, body });
  }

  // Every answer on the connection is checked; a request must not go unanswered unless it was cut off, and then
  // the answer is 408.
  async function sendRaw(fuzzCase: RawCase, index: number, tally: (status: number, body: string) => void): Promise<string | null> {
    const data = Buffer.from(fuzzCase.data.replaceAll('%TOKEN%', tokens.bob), 'latin1');
    const timeoutMs = fuzzCase.expect === 'timeout' ? httpLimits.requestTimeoutMs + 3_000 : 3_000;
    const from = addresses[index % addresses.length]!;
    const exchange = await rawExchange({ port, from, data, expectResponses: fuzzCase.expectResponses, timeoutMs });
    const problems: string[] = [];
    exchange.responses.forEach((response, position) => {
      const body = response.body.toString('utf8');
      tally(response.status, body);
      const { method, path } = fuzzCase.requests[position] ?? { method: '?', path: '?' };
      const problem = problemWithAnswer({ method, target: path, status: response.status, headers: response.headers, body });
      if (problem) problems.push(`answer ${position + 1}: ${problem}`);
    });
    const got = exchange.responses.length;
    if (got < fuzzCase.expectResponses) {
      const statuses = got > 0 ? ` (${exchange.responses.map((response) => response.status).join(', ')})` : '';
      const how = exchange.end === 'closed' ? 'the server closed the connection' : `nothing more within ${timeoutMs} ms`;
      const details = `${exchange.error ? ` (${exchange.error})` : ''}${exchange.leftover ? `; partial ${JSON.stringify(exchange.leftover)}` : ''}`;
      problems.push(`${got} of ${fuzzCase.expectResponses} answers${statuses}, then ${how}${details}`);
    }
    const last = exchange.responses.at(-1);
    if (fuzzCase.expect === 'timeout' && got === fuzzCase.expectResponses && last?.status !== 408) {
      problems.push(`a truncated request was answered ${last?.status}, not 408 request_timeout`);
    }
    return problems.length > 0 ? problems.join('; ') : null;
  }

  test('afterwards the registry still signs people in, and the audit logs hold only documented events', async (t) => {
    const credentials = { username: 'carol', password: passwords.carol };
    const signedIn = await harness.request('POST', '/api/v1/session', { body: credentials, from: '127.0.2.254' });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.json));
    const carol = SessionResponse.parse(signedIn.json).token;
    assert.equal((await harness.request('GET', '/api/openapi.json')).status, 200);

    const seen = new Tally();
    for (const [name, token] of Object.entries({ alice: tokens.alice, bob: tokens.bob, carol })) {
      const events = await allEvents(token);
      assert.ok(events.length > 0, `${name} has events`);
      for (const event of events) {
        assert.ok((eventTypes as readonly string[]).includes(event.type), `${name}: undocumented event ${event.type}`);
        seen.add(event.type);
      }
    }
    t.diagnostic(`audit events of alice, bob and carol: ${seen}`);
  });

  // Every page of the account's log; each page must parse with the contract's response schema.
  async function allEvents(token: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const response = await harness.request('GET', `/api/v1/account/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token });
      assert.equal(response.status, 200, JSON.stringify(response.json));
      const page = EventsResponse.parse(response.json);
      events.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return events;
  }
});

function describeCase(fuzzCase: FuzzCase): string {
  if (fuzzCase.kind === 'raw') return `raw ${JSON.stringify(fuzzCase.data.slice(0, 160))}`;
  const { method, path, headers, auth, body, chunked } = fuzzCase;
  const bodyText = body ? ` body ${JSON.stringify(body.toString('utf8').slice(0, 120))} (${body.length} bytes${chunked ? ', chunked' : ''})` : '';
  const authText = typeof auth === 'string' ? auth : JSON.stringify(auth.header).slice(0, 80);
  return `${method} ${path.slice(0, 160)} headers ${JSON.stringify(headers).slice(0, 120)} auth ${authText}${bodyText}`;
}

// Failures grouped by what went wrong, with the first request of each kind: readable even when hundreds fail.
function summarise(failures: Failure[]): string[] {
  const groups = new Map<string, { count: number; first: Failure }>();
  for (const failure of failures) {
    const key = `${failure.family}: ${failure.problem.replace(/\d+/g, 'N').slice(0, 100)}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, first: failure });
  }
  return [...groups.values()]
    .slice(0, 25)
    .map(({ count, first }) => `${count}× [${first.family}] ${first.problem} — e.g. request #${first.index}: ${first.request}`);
}
