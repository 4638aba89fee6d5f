// Shared by the registry's HTTP tests: a real server on 127.0.0.1 over a temp data folder, with a clock the test
// moves by hand and cheap argon2 parameters.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AuditEvent } from '../contract/schemas.ts';
import { totpCode } from '../security/totp.ts';
import type { ProjectRole } from '../contract/project-schemas.ts';
import { openStore, type RegistryStore } from '../store/store.ts';
import { createAccount, type CreatedAccount } from './accounts.ts';
import { addCollaborator, createProject } from './project-admin.ts';
import { startRegistry, type RunningRegistry, type StartRegistryOptions } from './start-registry.ts';

export const fastHashing = { memory: 1024, passes: 1, parallelism: 1 };

export interface TestRegistry {
  registry: RunningRegistry;
  dataDir: string;
  clock: { now: number };
  request(method: string, pathname: string, options?: RequestOptions): Promise<TestResponse>;
  addUser(username: string, password: string, totp: boolean): Promise<CreatedAccount>;
  /** Creates a project owned by `owner`, with more collaborators if given (as the CLI would). */
  addProject(name: string, owner: string, collaborators?: Record<string, ProjectRole>): void;
  /** Runs `work` on a second connection to the registry's data folder, as the CLI would. */
  withStore<T>(work: (store: RegistryStore) => T): T;
  /** The TOTP code an authenticator shows at the test clock's current time (plus an offset in steps). */
  otp(secret: string, stepOffset?: number): Promise<string>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string | Buffer;
  token?: string;
  headers?: Record<string, string>;
  /** Local address to connect from (any of 127.0.0.0/8), to act as a different client IP. */
  from?: string;
}

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

// A Tuesday, mid-step, so TOTP drift tests are unambiguous.
export const testEpoch = Date.UTC(2025, 0, 7, 12, 0, 15);

export async function startTestRegistry(overrides: Partial<StartRegistryOptions> = {}): Promise<TestRegistry> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  const clock = { now: testEpoch };
  const options: StartRegistryOptions = {
    dataDir,
    clock: () => clock.now,
    passwordHashing: fastHashing,
    ...overrides,
  };
  let registry = await startRegistry(options);

  const harness: TestRegistry = {
    get registry() {
      return registry;
    },
    dataDir,
    clock,
    async request(method, pathname, { body, rawBody, token, headers = {}, from } = {}) {
      const allHeaders: Record<string, string> = { 'user-agent': 'vigil-tests/1.0', ...headers };
      if (body !== undefined) allHeaders['content-type'] ??= 'application/json';
      if (token !== undefined) allHeaders.authorization = `Bearer ${token}`;
      if (allHeaders['user-agent'] === '') delete allHeaders['user-agent'];
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      return send(new URL(pathname, registry.url), method, allHeaders, payload, from);
    },
    addUser: (username, password, totp) =>
      createAccount(dataDir, { username, password, totp }, { passwordHashing: fastHashing, clock: () => clock.now }),
    otp: (secret, stepOffset = 0) => totpCode(secret, clock.now + stepOffset * 30_000),
    addProject(name, owner, collaborators = {}) {
      harness.withStore((store) => {
        createProject(store, { name, owner, createdAt: clock.now });
        for (const [username, role] of Object.entries(collaborators)) {
          addCollaborator(store, { project: name, username, role, addedAt: clock.now });
        }
      });
    },
    withStore(work) {
      const store = openStore(dataDir);
      try {
        return work(store);
      } finally {
        store.close();
      }
    },
    async restart() {
      await registry.close();
      registry = await startRegistry(options);
    },
    async stop() {
      await registry.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

// node:http rather than fetch, because only it can pick the local address the request comes from.
function send(url: URL, method: string, headers: Record<string, string>, payload: string | Buffer | undefined, from?: string) {
  return new Promise<TestResponse>((resolve, reject) => {
    // A fresh connection each time: Node's default agent keeps idle sockets alive longer than the registry does, and
    // a request sent on one the registry is just closing fails with ECONNRESET (seen after a slow `before`).
    const request = http.request(url, { method, headers, localAddress: from, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, json: text ? JSON.parse(text) : null });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** Signs in and returns the session token, failing loudly if the registry says no. */
export async function signIn(
  harness: TestRegistry,
  credentials: { username: string; password: string; otp?: string; recoveryCode?: string },
): Promise<string> {
  const response = await harness.request('POST', '/api/v1/session', { body: credentials });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.json)}`);
  return response.json.token as string;
}

/** The newest events of the signed-in account (up to 200), failing loudly on anything but 200. */
export async function listEvents(harness: TestRegistry, token: string): Promise<AuditEvent[]> {
  const response = await harness.request('GET', '/api/v1/account/events?limit=200', { token });
  if (response.status !== 200) throw new Error(`listing events failed: ${response.status}`);
  return response.json.events as AuditEvent[];
}

/** PUT an artifact as a release of `project`, with a session or an API token. */
export function publish(
  harness: TestRegistry,
  credential: string,
  project: string,
  version: string,
  artifact: Buffer = Buffer.from(`${project} ${version}`),
  options: Pick<RequestOptions, 'from' | 'headers'> = {},
): Promise<TestResponse> {
  const path = `/api/v1/projects/${encodeURIComponent(project)}/releases/${encodeURIComponent(version)}`;
  const headers = { 'content-type': 'application/octet-stream', ...options.headers };
  return harness.request('PUT', path, { token: credential, rawBody: artifact, headers, ...(options.from ? { from: options.from } : {}) });
}
