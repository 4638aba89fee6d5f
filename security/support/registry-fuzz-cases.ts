// The seeded request mix for the registry HTTP fuzz: every route of the contract's route table with mutated
// bodies, queries, content types, sizes and Authorization headers, plus unknown paths, wrong methods, the OpenAPI
// document and socket-level malformed HTTP (raw-request-cases.ts).
import { routes, type RouteSpec } from '../../registry/contract/routes.ts';
import { everyRawCase, rawCase, type RawCase } from './raw-request-cases.ts';
import {
  allRoutes,
  apiTokenAuths,
  authHeader,
  contentTypes,
  fuzzQuery,
  invalidJsonBodies,
  methods,
  oddHeaders,
  routeBody,
  routePath,
  signInBody,
  someArtifact,
  someAuth,
  unknownPath,
  type Auth,
  type RegistryFuzzInputs,
} from './registry-request-parts.ts';
import type { SeededRandom } from './seeded-random.ts';
import { mutateOneField, weirdValue } from './weird-values.ts';

export interface HttpCase {
  kind: 'http';
  family: string;
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  auth: Auth;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
  from?: string;
}

export type FuzzCase = HttpCase | RawCase;

const jsonType = { 'content-type': 'application/json' };

const http = (family: string, fields: Omit<HttpCase, 'kind' | 'family'>): HttpCase => ({ kind: 'http', family, ...fields });
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value) ?? 'null');
// Mostly the sign-in route, whose body is the richest input, now and then any route.
const bodyRoute = (random: SeededRandom) => random.weighted<RouteSpec>([[4, routes.createSession], [1, random.pick(allRoutes)]]);
const octetType = { 'content-type': 'application/octet-stream' };
// A JSON body where the route takes one (shaped for the route or for sign-in), an artifact (or now and then JSON)
// for an upload, none where it takes no body.
const bodyFor = (route: RouteSpec, random: SeededRandom, inputs: RegistryFuzzInputs): { headers: Record<string, string>; body?: Buffer } => {
  if (route.rawBody) {
    return random.chance(0.8) ? { headers: octetType, body: someArtifact(random) } : { headers: jsonType, body: json(signInBody(random, inputs)) };
  }
  return route.method === 'POST'
    ? { headers: jsonType, body: json((random.chance(0.5) ? routeBody(route, random, inputs) : undefined) ?? signInBody(random, inputs)) }
    : { headers: {} };
};

type Maker = (random: SeededRandom, inputs: RegistryFuzzInputs) => FuzzCase;

const families: Array<readonly [number, Maker]> = [
  [22, (r, inputs) => {
    const { value } = mutateOneField(r, signInBody(r, inputs), { secretFields: ['password', 'otp', 'recoveryCode'] });
    const fields = { headers: jsonType, auth: 'none', body: json(value), from: r.pick(inputs.addresses) } as const;
    return http('sign-in body', { method: 'POST', path: routes.createSession.path, ...fields });
  }],
  [6, (r, inputs) => {
    const route = bodyRoute(r);
    const body = Buffer.from(r.pick(invalidJsonBodies));
    const fields = { headers: jsonType, auth: someAuth(r), body, from: r.pick(inputs.addresses) };
    return http('invalid JSON', { method: route.method, path: routePath(route, r, inputs), ...fields });
  }],
  [6, (r, inputs) => {
    const route = bodyRoute(r);
    const contentType = r.pick(contentTypes);
    const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
    const body = r.chance(0.7) ? json(signInBody(r, inputs)) : Buffer.from('username=alice&password=x');
    const fields = { headers, auth: someAuth(r), body, from: r.pick(inputs.addresses) };
    return http('content type', { method: route.method, path: routePath(route, r, inputs), ...fields });
  }],
  [3, (r, inputs) => {
    const route = bodyRoute(r);
    const size = r.pick([64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 70_000, 200_000, 1_500_000]) + r.int(3) - 1;
    const prefix = '{"username":"alice","password":"';
    const body = Buffer.from(`${prefix}${'p'.repeat(Math.max(0, size - prefix.length - 2))}"}`);
    const fields = { headers: jsonType, auth: someAuth(r), body, chunked: r.chance(0.4), from: r.pick(inputs.addresses) };
    return http('body size', { method: route.method, path: routePath(route, r, inputs), ...fields });
  }],
  [14, (r, inputs) => {
    const route = r.weighted<RouteSpec>([
      [3, routes.listEvents],
      [3, routes.summarizeEvents],
      [2, routes.exportEvents],
      [1, routes.eventsHead],
      [1, r.pick(allRoutes)],
    ]);
    const auth = r.chance(0.7) ? r.pick<Auth>(['alice', 'bob']) : someAuth(r);
    const path = `${routePath(route, r, inputs)}?${fuzzQuery(r)}`;
    return http('query', { method: route.method, path, auth, ...bodyFor(route, r, inputs) });
  }],
  [10, (r, inputs) => {
    const route = r.pick(allRoutes);
    const fields = { auth: authHeader(r), from: r.pick(inputs.addresses), ...bodyFor(route, r, inputs) };
    return http('authorization', { method: route.method, path: routePath(route, r, inputs), ...fields });
  }],
  [6, (r, inputs) => {
    const path = r.chance(0.8) ? routePath(r.pick(allRoutes), r, inputs) : '/api/openapi.json';
    const body = r.chance(0.3) ? { headers: jsonType, body: json(weirdValue(r)) } : { headers: {} };
    return http('method', { method: r.pick(methods), path, auth: someAuth(r), ...body });
  }],
  [6, (r) => {
    const body = r.chance(0.3) ? { headers: jsonType, body: json(weirdValue(r)) } : { headers: {} };
    return http('unknown path', { method: r.pick(['GET', 'POST', 'DELETE', 'PUT']), path: unknownPath(r), auth: someAuth(r), ...body });
  }],
  [2, (r) => {
    const headers = r.pick<Record<string, string>>([{}, { accept: 'text/html' }, { 'if-none-match': '*' }, { range: 'bytes=0-10' }]);
    const query = r.chance(0.5) ? `?${fuzzQuery(r)}` : '';
    return http('openapi', { method: r.pick(['GET', 'GET', 'HEAD', 'POST']), path: `/api/openapi.json${query}`, headers, auth: someAuth(r) });
  }],
  [3, (r, inputs) => {
    const route = r.pick(allRoutes);
    const { headers, body } = bodyFor(route, r, inputs);
    const fields = { headers: { ...r.pick(oddHeaders(r)), ...headers }, auth: someAuth(r), from: r.pick(inputs.addresses) };
    return http('odd headers', { method: route.method, path: routePath(route, r, inputs), ...fields, ...(body ? { body } : {}) });
  }],
  [10, (r, inputs) => {
    const route = r.pick(allRoutes);
    if (route === routes.createSession) {
      const body = r.chance(0.8)
        ? { username: r.pick(['bob', 'Bob']), password: inputs.bob.password }
        : { username: 'alice', password: inputs.alice.password, recoveryCode: r.pick(inputs.alice.recoveryCodes) };
      return http('valid', { method: 'POST', path: route.path, headers: jsonType, auth: 'none', body: json(body), from: r.pick(inputs.addresses) });
    }
    const query =
      route === routes.listEvents
        ? `?limit=${1 + r.int(200)}${r.chance(0.3) ? `&cursor=${inputs.cursor}` : ''}`
        : route === routes.summarizeEvents
          ? `?since=${new Date(Date.UTC(2025, 0, 7) - r.int(10 ** 11)).toISOString()}`
          : '';
    const tokens: readonly Auth[] = route.tokens ? apiTokenAuths : [];
    const auth: Auth = route.method === 'DELETE' ? 'disposable' : r.pick<Auth>(['alice', 'bob', ...tokens]);
    const body = routeBody(route, r, inputs);
    const fields = route.rawBody
      ? { headers: octetType, body: someArtifact(r) }
      : body
        ? { headers: jsonType, body: json(body) }
        : { headers: {} };
    const from = r.chance(0.5) ? r.pick(inputs.addresses) : undefined;
    return http('valid', { method: route.method, path: `${routePath(route, r, inputs)}${query}`, auth, ...fields, ...(from ? { from } : {}) });
  }],
  [4, (r, inputs) => {
    // Publishing: every credential, scope and project, artifacts around nothing and around the 10 MiB limit.
    const auth = r.pick<Auth>(['alice', 'bob', 'aliceToken', 'bobToken', 'revokedToken', 'ended', authHeader(r)]);
    const size = r.weighted<number>([[12, r.int(200)], [1, 0], [1, 10 * 1024 * 1024 + r.int(3) - 1], [1, 12 * 1024 * 1024]]);
    const headers = r.chance(0.85) ? octetType : r.pick([jsonType, { 'content-type': 'text/plain' }, {}]);
    // Half from 127.0.0.1, inside the range alice's token is limited to, half from elsewhere.
    const from = r.chance(0.5) ? r.pick(inputs.addresses) : undefined;
    const fields = { headers, auth, body: Buffer.alloc(size, 0x61), chunked: r.chance(0.2), ...(from ? { from } : {}) };
    return http('publish', { method: 'PUT', path: routePath(routes.publishRelease, r, inputs), ...fields });
  }],
  [9, (r) => rawCase(r, 'malformed')],
  [3, (r) => rawCase(r, 'well-formed')],
  [1, (r) => rawCase(r, 'truncated')],
];

// Sent whatever the seed: a HEAD answer must carry no body, errors answered below Fastify included.
const fixedCases: HttpCase[] = [
  http('HEAD with headers over the limit', { method: 'HEAD', path: `/api/openapi.json?q=${'x'.repeat(17_000)}`, headers: {}, auth: 'none' }),
  http('HEAD with a path that is not a URL', { method: 'HEAD', path: '/api/v1/%c0', headers: {}, auth: 'none' }),
  http('HEAD without a session', { method: 'HEAD', path: routes.getAccount.path, headers: {}, auth: 'none' }),
];

/** At least `count` cases: every raw template and fixed case once, then families mixed by weight. */
export function registryFuzzCases(random: SeededRandom, count: number, inputs: RegistryFuzzInputs): FuzzCase[] {
  const cases: FuzzCase[] = [...everyRawCase(random), ...fixedCases];
  while (cases.length < count) cases.push(random.weighted(families)(random, inputs));
  return cases;
}
