// The parts a fuzzed registry request is made of: sign-in bodies, query strings, Authorization headers, request
// paths, content types and broken JSON. registry-fuzz-cases.ts mixes them into requests.
import { routes, type RouteSpec } from '../../registry/contract/routes.ts';
import type { SeededRandom } from './seeded-random.ts';
import { percentEncode, secretMarker, weirdString } from './weird-values.ts';

/**
 * Who the request claims to be; real tokens are filled in when it is sent. "disposable" is a session to end; the
 * *Token ones are API tokens: alice's read-write one (fuzz-alpha only, from 127.0.0.0/24), bob's read-only one, a revoked one.
 */
export type Auth =
  | 'none'
  | 'alice'
  | 'bob'
  | 'disposable'
  | 'ended'
  | 'aliceToken'
  | 'bobToken'
  | 'revokedToken'
  | { header: string | string[] };
export const apiTokenAuths = ['aliceToken', 'bobToken', 'revokedToken'] as const;

export interface RegistryFuzzInputs {
  /** Source addresses to spread sign-ins over, so not every attempt meets the per-IP limit. */
  addresses: readonly string[];
  alice: { password: string; recoveryCodes: readonly string[] };
  bob: { password: string };
  /** A cursor the registry issued. */
  cursor: string;
  /**
   * Session ids a request may name in a path: another account's and unknown ones, never one of the sessions the
   * fuzz relies on (which DELETE /account/sessions/{id} would end).
   */
  sessionIds: readonly string[];
  /** Project names to publish to: the fuzzed users' (in several spellings), another's, unknown ones. */
  projects: readonly string[];
  /** Token ids a request may name: another account's and unknown ones, never a token the fuzz uses. */
  tokenIds: readonly string[];
}

export const allRoutes: readonly RouteSpec[] = Object.values(routes);

// Path parameters that are not session ids: the server must answer 400, never 5xx.
const malformedIds = ['0', '-1', '01', 'abc', '1.5', '1e3', '0x10', ' 1', '12345678901234567', '9'.repeat(40), '{id}', '%00', '%2e%2e', 'end-others'];

const malformedNames = ['-x', 'x-', 'a b', '.', '..', 'a/b', 'a%2Fb', 'x'.repeat(101), '\u00e9t\u00e9', '{name}', '%00', 'a'.repeat(2_000)];
// Collaborators to add or remove: the fuzzed users, the third account, and nobody.
const collaboratorNames = ['alice', 'bob', 'carol', 'CAROL', 'nobody'];
const malformedUsernames = ['%00', 'x'.repeat(101), '{username}', '%2e%2e', 'a%2Fb'];
const malformedVersions = ['v1', '1..0', '1.0-', '.1', 'x', '1'.repeat(65), '1.0/2', '{version}', '%00', '1.0 0', '1.0%2F..'];

/** A version that passes validation: often new, sometimes one the fuzz publishes again and again. */
export function someVersion(random: SeededRandom): string {
  return random.pick([
    () => `${random.int(5)}.${random.int(20)}.${random.int(100)}`,
    () => '1.0.0',
    () => `2.0.0-rc.${random.int(10)}+build.${random.int(1_000)}`,
    () => `0.${random.int(1_000_000)}`,
  ])();
}

/**
 * The route's path with its {name} parameters filled in, each by kind: session or token ids the fuzz may name,
 * project names and versions, or malformed ones.
 */
export function routePath(route: RouteSpec, random: SeededRandom, inputs: RegistryFuzzInputs): string {
  return route.path.replace(/\{([A-Za-z_]+)\}/g, (_match, parameter: string) => {
    const valid = random.chance(0.6);
    if (parameter === 'name') return sendable(valid ? random.pick(inputs.projects) : random.pick(malformedNames));
    if (parameter === 'version') return sendable(valid ? someVersion(random) : random.pick(malformedVersions));
    if (parameter === 'username') return sendable(valid ? random.pick(collaboratorNames) : random.pick(malformedUsernames));
    if (route.path.includes('/tokens/')) return valid ? random.pick(inputs.tokenIds) : sendable(random.pick(malformedIds));
    return valid ? random.pick(inputs.sessionIds) : sendable(random.pick(malformedIds));
  });
}

/** An artifact body: a few bytes of anything. */
export function someArtifact(random: SeededRandom): Buffer {
  return Buffer.from(Array.from({ length: random.int(300) }, () => random.int(256)));
}

// Node's client refuses a path with bytes outside U+0021–U+00FF; those are percent-encoded, the rest sent as is.
function sendable(path: string): string {
  return path.replace(/[^\u0021-\u00ff]+/g, (run) => percentEncode(run));
}

function sixDigits(random: SeededRandom): string {
  return String(random.int(1_000_000)).padStart(6, '0');
}

/** A sign-in body that passes validation: right or wrong password, with or without a second factor. */
export function signInBody(random: SeededRandom, inputs: RegistryFuzzInputs): Record<string, unknown> {
  const { alice, bob } = inputs;
  return random.pick<() => Record<string, unknown>>([
    () => ({ username: 'alice', password: alice.password, otp: sixDigits(random) }),
    () => ({ username: 'alice', password: alice.password, recoveryCode: random.pick(alice.recoveryCodes) }),
    () => ({ username: random.pick(['alice', 'ALICE']), password: `${secretMarker}-wrong` }),
    () => ({ username: 'bob', password: bob.password }),
    () => ({ username: random.pick(['nobody', 'bob.', '-bob']), password: `${secretMarker}-guess` }),
  ])();
}

// New passwords the policy always refuses, whoever asks (too short, common, or naming both fuzzed users), so the
// fuzz never changes a password it needs.
const weakPasswords = ['short', 'password1234', 'qwertyuiopasdf', 'alice-and-bob-forever-2025', `${secretMarker}-x`];

/**
 * A body that passes validation for the route, with right or wrong secrets, or undefined where the route takes
 * no body. Sessions the fuzz relies on stay usable: no strong new password, and codes only from the fuzz's own.
 */
export function routeBody(route: RouteSpec, random: SeededRandom, inputs: RegistryFuzzInputs): Record<string, unknown> | undefined {
  const { alice, bob } = inputs;
  if (route === routes.createSession) return signInBody(random, inputs);
  if (route === routes.confirmSession) {
    return random.pick<Record<string, unknown>>([
      { password: bob.password },
      { password: alice.password },
      { password: alice.password, otp: sixDigits(random) },
      { password: `${secretMarker}-wrong`, otp: sixDigits(random) },
    ]);
  }
  if (route === routes.activateTotp) return { otp: sixDigits(random) };
  if (route === routes.checkRecoveryCode) return { code: random.pick([...alice.recoveryCodes, '0000-1111-2222-3333']) };
  if (route === routes.changePassword) return { newPassword: random.pick(weakPasswords) };
  if (route === routes.createToken) return tokenBody(random, inputs);
  if (route === routes.addCollaborator) return { username: random.pick(collaboratorNames), role: random.pick(['owner', 'maintainer']) };
  if (route === routes.revokeTokens) {
    return { ids: Array.from({ length: 1 + random.int(3) }, () => random.pick([...inputs.tokenIds, String(1 + random.int(50))])) };
  }
  return undefined;
}

/** A token request that passes validation; the registry may still refuse it (2FA, projects, name, expiry). */
function tokenBody(random: SeededRandom, inputs: RegistryFuzzInputs): Record<string, unknown> {
  const permission = random.pick(['read-only', 'read-write']);
  return {
    name: `fuzz ${random.int(1_000)}`,
    ...(random.chance(0.3) ? { description: weirdString(random).slice(0, 400) } : {}),
    permission,
    projects: random.chance(0.4) ? 'all' : Array.from({ length: 1 + random.int(3) }, () => random.pick(inputs.projects)),
    ...(random.chance(0.6) ? { expiresInDays: random.pick([1, 7, 30, 90, 91, 365]) } : {}),
    ...(random.chance(0.4)
      ? { allowedCidrs: random.pick([['127.0.0.0/8'], ['10.0.0.0/8', '2001:db8::/32'], ['::1'], ['::ffff:127.0.0.0/104']]) }
      : {}),
    ...(random.chance(0.2) ? { bypass2fa: random.chance(0.5) } : {}),
  };
}

const odd = {
  numbers: ['', 'abc', '1e2', '0x10', ' 5', '5 ', 'NaN', 'Infinity', '00000000000000000007', '1'.repeat(400)],
  times: [
    '2025-13-01T00:00:00Z',
    '2025-01-01',
    '2025-01-01T00:00:00.1234567891234Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2025-01-01T00:00:00+01:00',
    '+275760-09-13T00:00:00Z',
  ],
  structured: ['limit[]=5', 'a[]=', 'since[]=2025-01-01T00:00:00Z', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'limit[$gt]=0'],
  broken: ['%zz=1', '%', 'limit=%', 'since=%c0', '=', '&', 'limit', 'since=', '%00=%00', 'cursor=%ff%fe'],
};

/** Repeated and unknown keys, bad percent-escapes, a[]= arrays, huge values, values of the wrong kind. */
export function fuzzQuery(random: SeededRandom): string {
  const value = () =>
    random.weighted<() => string>([
      [3, () => String(random.pick([0, 1, 50, 200, 201, -1, 1.5, 1e3, 2 ** 53 + 1]))],
      [2, () => random.pick(odd.numbers)],
      [2, () => new Date(Date.UTC(2025, 0, 7) - random.int(10 ** 12) + random.int(10 ** 12)).toISOString()],
      [2, () => random.pick(odd.times)],
      [3, () => percentEncode(weirdString(random).slice(0, 2_000))],
      [1, () => 'A'.repeat(random.pick([22, 32, 33]))],
      [2, () => random.pick(['login.success', 'login.failure', 'session.ended', 'password.changed', 'login.', 'LOGIN.SUCCESS'])],
      [2, () => random.pick(['ndjson', 'csv', 'CSV', 'chain', 'newest', '127.0.0.1', '::ffff:127.0.0.1', '192.0.2.0/24', '300.1.1.1'])],
    ])();
  const key = () =>
    random.pick(['limit', 'cursor', 'since', 'limit', 'since', 'until', 'type', 'type', 'ip', 'format', 'order', 'x', '__proto__', 'constructor', 'LIMIT']);
  const piece = () =>
    random.weighted<() => string>([
      [6, () => `${key()}=${value()}`],
      [1, () => random.pick(odd.structured)],
      [1, () => random.pick(odd.broken)],
      [1, () => `q=${'x'.repeat(random.pick([1_000, 8_000, 17_000]))}`],
    ])();
  return sendable(Array.from({ length: random.int(5) }, piece).join(random.chance(0.9) ? '&' : ';'));
}

const authHeaders: Array<string | string[]> = [
  'Bearer',
  'Bearer ',
  'bearer %TOKEN%',
  'BEARER %TOKEN%',
  'Bearer    %TOKEN%   ',
  'Bearer\t%TOKEN%',
  'Bearer %TOKEN%x',
  'Bearer x%TOKEN%',
  'Bearer %TOKEN% %TOKEN%',
  'Basic dXNlcjpwYXNz',
  'Token %TOKEN%',
  '%TOKEN%',
  `Bearer ${'A'.repeat(512)}`,
  `Bearer ${'A'.repeat(513)}`,
  `Bearer ${'A'.repeat(9_000)}`,
  'Bearer \u00ff\u00fe\u00e9',
  'Bearer ../../etc/passwd',
  'Bearer null',
  'Bearer =',
  'Bearer %00',
  '',
  ['Bearer x', 'Bearer %TOKEN%'],
  ['Bearer %TOKEN%', 'Bearer x'],
  // API-token shaped: truncated, a bad checksum, the prefix alone, a real one mangled, a real one doubled.
  'Bearer vgl_',
  `Bearer vgl_${'A'.repeat(36)}`,
  `Bearer vgl_${'A'.repeat(37)}`,
  'Bearer VGL_%APITOKEN%',
  'Bearer %APITOKEN%x',
  'Bearer %APITOKEN% %APITOKEN%',
  'Bearer %APITOKEN%',
  'Token %APITOKEN%',
];

/** A malformed, foreign or garbage Authorization header; "%TOKEN%" and "%APITOKEN%" become real ones when sent. */
export function authHeader(random: SeededRandom): Auth {
  return { header: random.pick(authHeaders) };
}

export function someAuth(random: SeededRandom): Auth {
  return random.weighted<Auth>([
    [3, 'none'],
    [3, 'bob'],
    [3, 'alice'],
    [1, 'ended'],
    [3, authHeader(random)],
    [2, random.pick(apiTokenAuths)],
  ]);
}

const unknownPaths = [
  '/',
  '/api',
  '/api/',
  '/api/v1',
  '/api/v1/',
  '/api/v2/session',
  '/api/v1/session/',
  '/api/v1//session',
  '//api/v1/session',
  '/API/V1/SESSION',
  '/api/v1/Session',
  '/api/v1/account/',
  '/api/v1/account/events/',
  '/api/v1/account/events/summary/extra',
  '/api/v1/account/../session',
  '/api/v1/%2e%2e/session',
  '/api/v1/%73ession',
  '/api/v1/account%2fevents',
  '/api/v1/account;jsessionid=1',
  '/api/openapi.json/',
  '/api/openapi.yaml',
  '/openapi.json',
  '/favicon.ico',
  '/.env',
  '/.git/config',
  '/api/v1/users/1',
  '/api/v1/__proto__',
  '/api/v1/constructor',
  '/api/v1/account/events/%00',
  '/api/v1/%E2%80%AE',
  '/api/v1/%c0%ae%c0%ae/',
  '/api/v1/projects/',
  '/api/v1/projects/alpha/policy/extra',
  '/api/v1/projects/alpha/releases',
  '/api/v1/projects/alpha/releases/1.0.0/extra',
  '/api/v1/tokens/',
  '/api/v1/tokens/1/revoke',
  '/api/v1/whoami/',
];

/** A path no route has: near misses of real ones, traversal, encoded junk, very long. */
export function unknownPath(random: SeededRandom): string {
  return sendable(
    random.weighted<() => string>([
      [4, () => random.pick(unknownPaths)],
      [2, () => `${random.pick(allRoutes).path}${random.pick(['', '/', '/x', '%20', '~', '.json'])}`],
      [1, () => `/${percentEncode(weirdString(random).slice(0, 300))}`],
      [1, () => `/${'a'.repeat(random.pick([300, 4_000, 20_000]))}`],
    ])(),
  );
}

export const contentTypes = [
  undefined,
  '',
  'text/plain',
  'text/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json ;',
  'application/json;;;',
  'application/jsonx',
  'application/json-patch+json',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '*/*',
  'application/json, text/plain',
  'application/octet-stream',
  'application/octet-stream; charset=binary',
  'APPLICATION/OCTET-STREAM',
  'json',
  'application/\u00ff',
];

export const invalidJsonBodies: Array<string | Buffer> = [
  '{',
  '{"username":',
  '[',
  'nul',
  'undefined',
  "{'username':'a'}",
  '{"username":"a","password":"b",}',
  '{"username":"a" "password":"b"}',
  '\u0000',
  '\ufeff{"username":"a","password":"b"}',
  '{"__proto__":{"polluted":true},"username":"a","password":"b"}',
  '{"constructor":{"prototype":{"polluted":true}},"username":"a","password":"b"}',
  '{"username":"a","username":"bob","password":"b"}',
  '"just a string"',
  '123',
  'true',
  'null',
  '',
  '   ',
  '1'.repeat(2_000),
  '{"username":"\\ud800","password":"\\udfff"}',
  '{"username":"a\\u0000","password":"b"}',
  '{"username":1e999,"password":"b"}',
  `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x75, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]),
  Buffer.from('{"username":"alice","password":"x"}', 'utf16le'),
];

export const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'LOCK', 'REPORT'];

export const oddHeaders = (random: SeededRandom): Array<Record<string, string>> => [
  { 'user-agent': 'x'.repeat(random.pick([600, 9_000])) },
  { 'user-agent': '' },
  { 'user-agent': '\u00ff\u00fe<script>' },
  { 'x-forwarded-for': '203.0.113.7', forwarded: 'for=203.0.113.7', 'x-real-ip': '203.0.113.7' },
  { 'accept-encoding': 'gzip, br, zstd', accept: 'text/html' },
  { cookie: `a=${'b'.repeat(4_000)}; __proto__=1` },
  { origin: 'http://evil.example', referer: 'http://evil.example/' },
  { connection: 'close' },
  { 'content-encoding': 'gzip' },
  { 'x-http-method-override': 'DELETE' },
  { [`x-${'h'.repeat(200)}`]: '1' },
];
