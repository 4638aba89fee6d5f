// The bridge used when the console runs in an ordinary browser tab: every invoke becomes POST /ipc/<channel> to the
// browser host, which answers with the same result envelope the Electron preload returns. Any transport problem
// is turned into an error envelope so the UI never has to handle a rejected promise.
import { isChannelName, type ChannelName, type IpcError, type RequestOf, type ResponseOf, type Result, type VigilBridge } from './contract.ts';
import { readIpcError } from './ipc-error-codes.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BrowserBridgeOptions {
  // Prefix for the /ipc/ path; empty means the page's own origin.
  baseUrl?: string;
  fetch?: FetchLike;
  // The host itself waits on the registry with its own timeout; this only guards against a host that hangs.
  timeoutMs?: number;
}

const defaultTimeoutMs = 60_000;

export function createBrowserBridge(options: BrowserBridgeOptions = {}): VigilBridge {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  async function invokeRaw(channel: string, request: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) {
      return failure({ code: 'unknown_channel', message: `Unknown channel "${channel}".` });
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request ?? null),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return failure({
        code: 'internal',
        message: timedOut ? 'The Vigil service took too long to answer.' : 'The Vigil service could not be reached.',
      });
    }
    let body: unknown;
    let isJson = true;
    try {
      body = await response.json();
    } catch {
      isJson = false;
    }
    if (response.status !== 200) {
      // The host explains some refusals (bad body, too large) with an error envelope; prefer its words.
      return failure((isJson ? readErrorEnvelope(body) : null) ?? statusError(response));
    }
    if (!isJson) return failure({ code: 'internal', message: 'The Vigil service sent an answer that is not JSON.' });
    return readEnvelope(body);
  }

  return {
    invoke<C extends ChannelName>(channel: C, request: RequestOf<C>) {
      // The host validated the value against the contract before sending it; the renderer trusts that shape.
      return invokeRaw(channel, request) as Promise<Result<ResponseOf<C>>>;
    },
  };
}

// Checks that an answer really is a result envelope; anything else becomes an 'internal' error envelope.
export function readEnvelope(body: unknown): Result<unknown> {
  if (isRecord(body) && body.ok === true && 'value' in body) return { ok: true, value: body.value };
  const error = readErrorEnvelope(body);
  if (error) return failure(error);
  return failure({ code: 'internal', message: 'The Vigil service sent an answer in an unknown format.' });
}

function readErrorEnvelope(body: unknown): IpcError | null {
  return isRecord(body) && body.ok === false ? readIpcError(body.error) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function statusError(response: Response): IpcError {
  switch (response.status) {
    case 401:
    case 403:
      return { code: 'forbidden_sender', message: 'The Vigil service refused this page. Reload it to reconnect.' };
    case 404:
      return { code: 'unknown_channel', message: 'The Vigil service does not know this request.' };
    case 429: {
      const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
      return Number.isInteger(retryAfter) && retryAfter >= 0
        ? { code: 'rate_limited', message: 'Too many requests.', retryAfterSeconds: retryAfter }
        : { code: 'rate_limited', message: 'Too many requests.' };
    }
    default:
      return { code: 'internal', message: `The Vigil service answered with HTTP status ${response.status}.` };
  }
}

function failure(error: IpcError): Result<never> {
  return { ok: false, error };
}
