// What the registry may answer, per the contract: a 2xx in its route's documented schema (or an empty 204, or a
// stream in one of its documented media types), and
// every other status as {"error":{"code","message"}} in JSON, with a code that belongs to that status.
import { edgeResponses, routes, type ResponseSpec, type RouteSpec } from '../../registry/contract/routes.ts';
import { ErrorBody, type ErrorCode } from '../../registry/contract/schemas.ts';

export interface RegistryAnswer {
  method: string;
  /** The request target as sent ("/api/v1/account?limit=2", or absolute-form). */
  target: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// Status → the error codes that may come with it: the routes' own (see registry/server/errors.ts) and those the
// contract documents for the HTTP edge.
const routeCodes: Record<number, readonly ErrorCode[]> = {
  400: ['invalid_request', 'invalid_otp', 'weak_password'],
  401: [
    'unauthenticated',
    'invalid_credentials',
    'otp_required',
    'invalid_otp',
    'invalid_recovery_code',
    'burned_recovery_code',
    'invalid_token',
    'token_expired',
    'token_revoked',
  ],
  403: [
    'confirmation_required',
    'two_factor_required',
    'not_a_collaborator',
    'read_only_token',
    'out_of_scope',
    'ip_not_allowed',
    'owner_required',
  ],
  404: ['not_found'],
  409: [
    'no_pending_enrollment',
    'two_factor_disabled',
    'release_exists',
    'name_taken',
    'already_collaborator',
    'last_owner',
    'two_factor_required_by_project',
  ],
  413: ['payload_too_large'],
  429: ['rate_limited'],
};
const codesByStatus: Record<number, readonly ErrorCode[]> = { ...routeCodes };
for (const [status, response] of Object.entries(edgeResponses)) {
  codesByStatus[Number(status)] = [...new Set([...(routeCodes[Number(status)] ?? []), ...response.codes])];
}

function pathnameOf(target: string): string {
  try {
    const pathname = new URL(target, 'http://registry.invalid').pathname;
    return decodeURIComponent(pathname);
  } catch {
    return target;
  }
}

// The request's path segments as the router sees them: "." and ".." are not resolved, and each segment is decoded
// on its own ("%2F" inside a segment is part of a parameter, not a separator).
function segmentsOf(target: string): string[] {
  let pathname = target.split(/[?#]/)[0] ?? '';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(pathname)) {
    try {
      pathname = new URL(target).pathname;
    } catch {
      // Left as sent.
    }
  }
  return pathname.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

const isParameter = (part: string) => /^\{[A-Za-z_]+\}$/.test(part);
const routeParts = (Object.values(routes) as RouteSpec[]).map((route) => ({ route, parts: route.path.split('/') }));

// A literal path wins over a parameter (".../sessions/end-others" is not ".../sessions/{id}"), as in the router;
// each {name} parameter matches one non-empty segment.
function routeFor(method: string, target: string): RouteSpec | undefined {
  const segments = segmentsOf(target);
  const candidates = routeParts.filter(({ route, parts }) => route.method === method.toUpperCase() && parts.length === segments.length);
  const matches = (literalOnly: boolean) =>
    candidates.find(({ parts }) =>
      parts.every((part, index) => part === segments[index] || (!literalOnly && isParameter(part) && segments[index] !== '')),
    )?.route;
  return matches(true) ?? matches(false);
}

function errorCodeOf(body: string): string {
  const parsed = parseJson(body);
  const error = parsed.ok ? ErrorBody.safeParse(parsed.value) : null;
  return error?.success ? error.data.error.code : '';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

// npm's package routes (PUT /<package name> publishes, GET /<package name> is the package document) speak npm's
// protocol, not the contract's: see registry/server/npm/.
function isNpmPackageRoute(method: string, target: string): boolean {
  const segments = segmentsOf(target);
  return ['PUT', 'GET', 'HEAD'].includes(method.toUpperCase()) && segments.length === 2 && /^[A-Za-z0-9@][A-Za-z0-9._/-]*$/.test(segments[1] ?? '');
}

// The package document npm reads: {_id, name, maintainers, versions: {}, "dist-tags": {}}.
function isPackageDocument(value: unknown): boolean {
  const document = value as Record<string, unknown> | null;
  return (
    typeof document?._id === 'string' &&
    document.name === document._id &&
    Array.isArray(document.maintainers) &&
    document.maintainers.every((maintainer: { name?: unknown; email?: unknown }) => typeof maintainer.name === 'string' && maintainer.email === '') &&
    JSON.stringify(document.versions) === '{}' &&
    JSON.stringify(document['dist-tags']) === '{}'
  );
}

// npm's error shape, {"error": "<message>", "code"}, with a code that belongs to the status.
function problemWithNpmAnswer(answer: RegistryAnswer): string | null {
  const { status, body } = answer;
  const method = answer.method.toUpperCase();
  if (method === 'HEAD') return body === '' ? null : 'HEAD answered with a body';
  if (method === 'PUT' && status === 201) return null;
  const parsed = parseJson(body);
  if (method === 'GET' && status === 200) return parsed.ok && isPackageDocument(parsed.value) ? null : `not a package document: ${body.slice(0, 120)}`;
  const value = parsed.ok ? (parsed.value as { error?: unknown; code?: unknown }) : null;
  if (!value || typeof value.error !== 'string' || typeof value.code !== 'string') {
    // The app's own edge (and an unknown route's 404) still answers in the contract's shape.
    return errorCodeOf(body) !== '' && codesByStatus[status]?.includes(errorCodeOf(body) as ErrorCode) ? null : `npm answered ${status} ${body.slice(0, 120)}`;
  }
  return codesByStatus[status]?.includes(value.code as ErrorCode) ? null : `npm answered ${status} with code ${value.code}`;
}

// A body streamed in one of the route's documented media types; NDJSON lines each in the line schema.
function problemWithStreamedBody(formats: NonNullable<ResponseSpec['streamed']>, contentType: string, body: string): string | null {
  const format = formats.find((candidate) => contentType.split(';')[0]?.trim() === candidate.mediaType);
  if (!format) return `streamed as ${JSON.stringify(contentType)}, not one of ${formats.map((candidate) => candidate.mediaType).join(', ')}`;
  if (!format.lineSchema) return null;
  for (const line of body.split('\n').filter((text) => text !== '')) {
    const parsed = parseJson(line);
    if (!parsed.ok || !format.lineSchema.safeParse(parsed.value).success) return `a line not in the contract: ${line.slice(0, 120)}`;
  }
  return null;
}

/** Null when the answer is one the contract documents; otherwise what is wrong with it. */
export function problemWithAnswer(answer: RegistryAnswer): string | null {
  if (answer.status < 500 && isNpmPackageRoute(answer.method, answer.target)) return problemWithNpmAnswer(answer);
  const { status, body } = answer;
  const head = answer.method.toUpperCase() === 'HEAD';
  const contentType = String(answer.headers['content-type'] ?? '');
  if (status >= 500) return `server error ${status}: ${body.slice(0, 160)}`;
  if (status < 200) return `status ${status}`;
  if (status < 300) {
    if (status === 204) return body === '' ? null : `204 with a body: ${body.slice(0, 80)}`;
    const streamed = routeFor(answer.method, answer.target)?.responses[status]?.streamed;
    if (streamed) return head ? null : problemWithStreamedBody(streamed, contentType, body);
    if (!contentType.startsWith('application/json')) return `${status} with Content-Type ${JSON.stringify(contentType)}`;
    if (head) return body === '' ? null : 'HEAD answered with a body';
    const parsed = parseJson(body);
    if (!parsed.ok) return `${status} body is not JSON: ${body.slice(0, 80)}`;
    if (pathnameOf(answer.target) === '/api/openapi.json' && answer.method.toUpperCase() === 'GET') {
      const document = parsed.value as { openapi?: unknown; paths?: unknown };
      return document.openapi === '3.1.0' && typeof document.paths === 'object' ? null : 'not an OpenAPI 3.1 document';
    }
    const route = routeFor(answer.method, answer.target);
    if (!route) return `${status} for a request no route documents`;
    const documented = route.responses[status];
    if (!documented) return `${status} is not a documented answer of ${route.method} ${route.path}`;
    if (!documented.schema) return `${status} has no documented body`;
    const checked = documented.schema.safeParse(parsed.value);
    return checked.success ? null : `${status} body does not match the contract: ${checked.error.issues[0]?.message}`;
  }
  if (!contentType.startsWith('application/json')) {
    return `${status} with Content-Type ${JSON.stringify(contentType)} and body ${JSON.stringify(body.slice(0, 80))}`;
  }
  const allowed = codesByStatus[status];
  if (!allowed) return `undocumented status ${status}`;
  // Only the routes that document these answer them: confirmation for sensitive ones, conflicts where listed.
  if (status === 403 || status === 409) {
    const route = routeFor(answer.method, answer.target);
    if (!route?.responses[status]) return `${status} from ${answer.method} ${answer.target}, which does not document it`;
  }
  if (status === 429 && answer.headers['retry-after'] === undefined) return '429 without Retry-After';
  // Token answers come only from routes that take tokens; every other route refuses one as unauthenticated.
  if (['invalid_token', 'token_expired', 'token_revoked', 'read_only_token', 'out_of_scope', 'ip_not_allowed'].includes(errorCodeOf(body))) {
    const route = routeFor(answer.method, answer.target);
    if (!route?.tokens) return `${status} ${errorCodeOf(body)} from ${answer.method} ${answer.target}, which takes no API tokens`;
  }
  if (head) return body === '' ? null : 'HEAD answered with a body';
  const parsed = parseJson(body);
  if (!parsed.ok) return `${status} body is not JSON: ${body.slice(0, 80)}`;
  const error = ErrorBody.safeParse(parsed.value);
  if (!error.success) return `${status} body is not the error shape: ${body.slice(0, 120)}`;
  if (Object.keys(parsed.value as object).join() !== 'error') return `${status} error body has extra fields: ${body.slice(0, 120)}`;
  if (!allowed.includes(error.data.error.code)) return `${status} with code ${error.data.error.code}`;
  return null;
}
