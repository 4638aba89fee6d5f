// The console's client for the Registry Security API. Every response is checked against the contract's schemas,
// and every way a call can go wrong ends as a RegistryError: a registry that is down, slow, or answers with
// something malformed is a message for the user, never a crash.
import type { z } from 'zod';
import { routes } from '../../registry/contract/routes.ts';
import {
  Account,
  AccountResponse,
  ActivateTotpResponse,
  CheckRecoveryCodeResponse,
  ConfirmResponse,
  EndOthersResponse,
  ErrorBody,
  EventSummary,
  EventsResponse,
  RecoveryCodesResponse,
  SessionResponse,
  SessionsResponse,
  TotpEnrollment,
  type ConfirmRequest,
  type EventType,
  type SessionRequest,
} from '../../registry/contract/schemas.ts';
import { EventsHead } from '../../registry/contract/event-schemas.ts';
import { EstateResponse, type ProjectPolicy } from '../../registry/contract/estate-schemas.ts';
import { ProjectsResponse } from '../../registry/contract/project-schemas.ts';
import {
  CreatedToken,
  RevokeTokensResponse,
  TokensResponse,
  WhoamiResponse,
  type CreateTokenRequest,
} from '../../registry/contract/token-schemas.ts';
import { readChainExport, SinkFailure, type ChainSink } from './chain-export-reader.ts';
import { RegistryError } from './registry-error.ts';
import { registryBaseUrl } from './registry-url.ts';

export interface RegistryClient {
  readonly baseUrl: string;
  signIn(body: SessionRequest): Promise<SessionResponse>;
  endSession(token: string): Promise<void>;
  getAccount(token: string): Promise<Account>;
  summarizeEvents(token: string, query: { since: Date }): Promise<EventSummary>;
  listEvents(
    token: string,
    query: { types?: readonly EventType[]; limit?: number; cursor?: string; since?: string; until?: string; ip?: string },
  ): Promise<EventsResponse>;
  eventsHead(token: string): Promise<EventsHead>;
  /** The whole log as chain lines (oldest first): the lines as sent, and each event checked against the contract. */
  streamChain(token: string, sink: ChainSink): Promise<void>;
  confirmSession(token: string, body: ConfirmRequest): Promise<ConfirmResponse>;
  startTotpEnrollment(token: string): Promise<TotpEnrollment>;
  activateTotp(token: string, body: { otp: string }): Promise<ActivateTotpResponse>;
  disableTotp(token: string): Promise<AccountResponse>;
  generateRecoveryCodes(token: string): Promise<RecoveryCodesResponse>;
  checkRecoveryCode(token: string, body: { code: string }): Promise<CheckRecoveryCodeResponse>;
  changePassword(token: string, body: { newPassword: string }): Promise<void>;
  listSessions(token: string): Promise<SessionsResponse>;
  endAccountSession(token: string, id: string): Promise<void>;
  endOtherSessions(token: string): Promise<EndOthersResponse>;
  whoami(token: string): Promise<WhoamiResponse>;
  listProjects(token: string): Promise<ProjectsResponse>;
  listEstate(token: string): Promise<EstateResponse>;
  setProjectPolicy(token: string, name: string, policy: ProjectPolicy): Promise<void>;
  removeCollaborator(token: string, name: string, username: string): Promise<void>;
  listTokens(token: string, query: { state: 'active' | 'all' }): Promise<TokensResponse>;
  createToken(token: string, body: CreateTokenRequest): Promise<CreatedToken>;
  revokeToken(token: string, id: string): Promise<void>;
  revokeTokens(token: string, body: { ids: readonly string[] }): Promise<RevokeTokensResponse>;
}

export interface RegistryClientOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;
// Our own responses are a few KiB; a registry streaming megabytes at us is treated as a broken registry.
const maxResponseBytes = 4 * 1024 * 1024;
// Except the whole estate: 500 projects × 20 collaborators with 2,000 tokens answer about 5 MiB (a token for all
// projects is listed under each), so it may be ten times that before it counts as broken.
const maxEstateBytes = 64 * 1024 * 1024;
const userAgent = 'Vigil-Console/0.1';

interface CallSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  token?: string;
  body?: unknown;
  query?: Record<string, string | readonly string[]>;
  expectedStatus: number;
  schema?: z.ZodType<T>;
  maxBytes?: number;
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const base = registryBaseUrl(options.baseUrl);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  function send(spec: Omit<CallSpec<unknown>, 'expectedStatus'>, signal: AbortSignal): Promise<Response> {
    // Route paths are absolute ("/api/v1/..."); resolving them relative keeps a registry mounted under a sub-path.
    const url = new URL(spec.path.replace(/^\/+/, ''), base);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(name, one);
    }
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
    if (spec.token !== undefined) headers.authorization = `Bearer ${spec.token}`;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    return doFetch(url, {
      method: spec.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      // A redirect could carry the Authorization header somewhere else; the API never redirects.
      redirect: 'manual',
      signal,
    });
  }

  async function call<T>(spec: CallSpec<T>): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await send(spec, AbortSignal.timeout(timeoutMs));
      text = await readLimited(response, spec.maxBytes ?? maxResponseBytes);
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      // fetch rejects for refused connections, DNS failures, resets and our timeout alike.
      throw new RegistryError('registry_unreachable');
    }

    if (response.status === spec.expectedStatus) {
      if (!spec.schema) return undefined as T;
      const parsed = spec.schema.safeParse(parseJson(text));
      if (!parsed.success) throw new RegistryError('unexpected_response', { status: response.status, detail: 'response does not match the API contract' });
      return parsed.data;
    }
    throw errorFromResponse(response, text);
  }

  return {
    baseUrl: base.href,
    signIn: (body) =>
      call({ method: 'POST', path: routes.createSession.path, body, expectedStatus: 200, schema: SessionResponse }),
    endSession: (token) => call({ method: 'DELETE', path: routes.endSession.path, token, expectedStatus: 204 }),
    getAccount: (token) => call({ method: 'GET', path: routes.getAccount.path, token, expectedStatus: 200, schema: Account }),
    summarizeEvents: (token, query) =>
      call({
        method: 'GET',
        path: routes.summarizeEvents.path,
        token,
        query: { since: query.since.toISOString() },
        expectedStatus: 200,
        schema: EventSummary,
      }),
    listEvents: (token, query) =>
      call({
        method: 'GET',
        path: routes.listEvents.path,
        token,
        query: {
          ...(query.types ? { type: query.types } : {}),
          ...(query.limit === undefined ? {} : { limit: String(query.limit) }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          ...(query.since === undefined ? {} : { since: query.since }),
          ...(query.until === undefined ? {} : { until: query.until }),
          ...(query.ip === undefined ? {} : { ip: query.ip }),
        },
        expectedStatus: 200,
        schema: EventsResponse,
      }),
    eventsHead: (token) => call({ method: 'GET', path: routes.eventsHead.path, token, expectedStatus: 200, schema: EventsHead }),
    async streamChain(token, sink) {
      // A million events take a while to arrive, so the timeout is for silence, not for the whole log.
      const idle = new AbortController();
      let timer = setTimeout(() => idle.abort(), timeoutMs);
      const stillAlive = () => {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), timeoutMs);
      };
      try {
        const response = await send({ method: 'GET', path: routes.exportEvents.path, token, query: { format: 'chain' } }, idle.signal);
        if (response.status !== 200) throw errorFromResponse(response, await readLimited(response, maxResponseBytes));
        await readChainExport(response, sink, stillAlive);
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        if (error instanceof SinkFailure) throw error.cause;
        // As for any call: refused, reset, or silent for too long.
        throw new RegistryError('registry_unreachable');
      } finally {
        clearTimeout(timer);
      }
    },
    confirmSession: (token, body) =>
      call({ method: 'POST', path: routes.confirmSession.path, token, body, expectedStatus: 200, schema: ConfirmResponse }),
    startTotpEnrollment: (token) =>
      call({ method: 'POST', path: routes.startTotpEnrollment.path, token, expectedStatus: 200, schema: TotpEnrollment }),
    activateTotp: (token, body) =>
      call({ method: 'POST', path: routes.activateTotp.path, token, body, expectedStatus: 200, schema: ActivateTotpResponse }),
    disableTotp: (token) =>
      call({ method: 'DELETE', path: routes.disableTotp.path, token, expectedStatus: 200, schema: AccountResponse }),
    generateRecoveryCodes: (token) =>
      call({ method: 'POST', path: routes.generateRecoveryCodes.path, token, expectedStatus: 200, schema: RecoveryCodesResponse }),
    checkRecoveryCode: (token, body) =>
      call({
        method: 'POST',
        path: routes.checkRecoveryCode.path,
        token,
        body,
        expectedStatus: 200,
        schema: CheckRecoveryCodeResponse,
      }),
    changePassword: (token, body) =>
      call({ method: 'POST', path: routes.changePassword.path, token, body, expectedStatus: 204 }),
    listSessions: (token) =>
      call({ method: 'GET', path: routes.listSessions.path, token, expectedStatus: 200, schema: SessionsResponse }),
    endAccountSession: (token, id) =>
      call({
        method: 'DELETE',
        path: routes.endAccountSession.path.replace('{id}', encodeURIComponent(id)),
        token,
        expectedStatus: 204,
      }),
    endOtherSessions: (token) =>
      call({ method: 'POST', path: routes.endOtherSessions.path, token, expectedStatus: 200, schema: EndOthersResponse }),
    whoami: (token) => call({ method: 'GET', path: routes.whoami.path, token, expectedStatus: 200, schema: WhoamiResponse }),
    listProjects: (token) =>
      call({ method: 'GET', path: routes.listProjects.path, token, expectedStatus: 200, schema: ProjectsResponse }),
    listEstate: (token) =>
      call({
        method: 'GET',
        path: routes.listProjects.path,
        token,
        query: { include: 'collaborators,tokens' },
        expectedStatus: 200,
        schema: EstateResponse,
        maxBytes: maxEstateBytes,
      }),
    setProjectPolicy: (token, name, policy) =>
      call({ method: 'PUT', path: routes.setProjectPolicy.path.replace('{name}', encodeURIComponent(name)), token, body: policy, expectedStatus: 200 }),
    removeCollaborator: (token, name, username) =>
      call({
        method: 'DELETE',
        path: routes.removeCollaborator.path.replace('{name}', encodeURIComponent(name)).replace('{username}', encodeURIComponent(username)),
        token,
        expectedStatus: 204,
      }),
    listTokens: (token, query) =>
      call({ method: 'GET', path: routes.listTokens.path, token, query, expectedStatus: 200, schema: TokensResponse }),
    createToken: (token, body) =>
      call({ method: 'POST', path: routes.createToken.path, token, body, expectedStatus: 201, schema: CreatedToken }),
    revokeToken: (token, id) =>
      call({ method: 'DELETE', path: routes.revokeToken.path.replace('{id}', encodeURIComponent(id)), token, expectedStatus: 204 }),
    revokeTokens: (token, body) =>
      call({ method: 'POST', path: routes.revokeTokens.path, token, body, expectedStatus: 200, schema: RevokeTokensResponse }),
  };
}

function errorFromResponse(response: Response, text: string): RegistryError {
  const status = response.status;
  if (status >= 300 && status < 400) return new RegistryError('unexpected_response', { status, detail: `redirect, status ${status}` });
  const body = ErrorBody.safeParse(parseJson(text));
  // A 2xx with an unexpected status, an error without our envelope, or an error code we do not know.
  if (!body.success || status < 400) return new RegistryError('unexpected_response', { status, detail: `status ${status}` });
  const code = body.data.error.code;
  if (code === 'rate_limited') {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return new RegistryError(code, { status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
  }
  // The one registry text the user needs word for word: why the password was refused. It explains a policy and
  // never holds the password, but it is cut to plain printable text all the same.
  if (code === 'weak_password') return new RegistryError(code, { status, reason: printable(body.data.error.message) });
  return new RegistryError(code, { status });
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u024f\u2010-\u2027]/g, '').trim().slice(0, 300);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new RegistryError('unexpected_response', { status: response.status, detail: 'response too large' });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400 * 365);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
