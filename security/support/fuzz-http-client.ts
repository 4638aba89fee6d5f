// A keep-alive HTTP client for the fuzz tests that reports every outcome instead of throwing: the answer, or why
// there was none (reset, timeout, a request Node itself refused to send).
import http from 'node:http';

export interface FuzzRequest {
  port: number;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body in pieces with Transfer-Encoding: chunked rather than with a Content-Length. */
  chunked?: boolean;
  from?: string;
}

export type FuzzOutcome =
  | { answered: true; status: number; headers: http.IncomingHttpHeaders; body: string }
  | { answered: false; reason: string };

export function createFuzzAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 8 });
}

export async function sendFuzzRequest(agent: http.Agent, request: FuzzRequest, timeoutMs = 5_000): Promise<FuzzOutcome> {
  const first = await sendOnce(agent, request, timeoutMs);
  // A keep-alive socket the server closed just as we reused it: Node's documented case for one retry.
  if (!first.answered && first.reason === 'ECONNRESET on a reused socket') return sendOnce(agent, request, timeoutMs);
  return first;
}

function sendOnce(agent: http.Agent, request: FuzzRequest, timeoutMs: number): Promise<FuzzOutcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string | string[]> = { ...request.headers };
    if (request.body && !request.chunked) headers['content-length'] = String(request.body.length);
    let client: http.ClientRequest;
    // Set once the status line and headers have arrived, so an error after them says what was answered.
    let answeredStatus: number | null = null;
    try {
      client = http.request(
        {
          host: '127.0.0.1',
          port: request.port,
          method: request.method,
          path: request.path,
          headers,
          agent,
          timeout: timeoutMs,
          ...(request.from ? { localAddress: request.from } : {}),
        },
        (response) => {
          answeredStatus = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ answered: true, status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', (error: NodeJS.ErrnoException) => resolve({ answered: false, reason: `response ${error.code ?? error.message}` }));
        },
      );
    } catch (error) {
      resolve({ answered: false, reason: `Node refused to send it: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    client.on('timeout', () => client.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })));
    client.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      if (answeredStatus !== null) {
        return resolve({ answered: false, reason: `answered ${answeredStatus}, then the answer broke HTTP framing (${code}: ${error.message})` });
      }
      resolve({ answered: false, reason: client.reusedSocket && code === 'ECONNRESET' ? 'ECONNRESET on a reused socket' : code });
    });
    if (request.body && request.chunked) {
      const middle = Math.floor(request.body.length / 2);
      client.write(request.body.subarray(0, middle));
      client.end(request.body.subarray(middle));
    } else {
      client.end(request.body);
    }
  });
}
