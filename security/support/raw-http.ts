// HTTP at the socket level, for requests no HTTP client would send (NUL in a header, two Content-Lengths, a
// request line in absolute form, a request cut off half-way) and for reading every answer on a connection,
// pipelined ones included.
import net from 'node:net';

export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  responses: RawHttpResponse[];
  /** closed: the server closed the connection; enough: the expected answers arrived; timeout: neither in time. */
  end: 'closed' | 'enough' | 'timeout';
  /** Bytes the server sent that are not a complete HTTP response. */
  leftover: string;
  error?: string;
}

export interface RawExchangeOptions {
  port: number;
  /** Local address to connect from (any of 127.0.0.0/8). */
  from?: string;
  data: Buffer | string;
  /** Stop reading once this many responses are complete. */
  expectResponses: number;
  timeoutMs: number;
}

export function rawExchange(options: RawExchangeOptions): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: options.port, ...(options.from ? { localAddress: options.from } : {}) });
    let received = Buffer.alloc(0);
    let error: string | undefined;
    let settled = false;
    const finish = (end: RawExchange['end']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponses(received, end === 'closed');
      resolve({ responses: parsed.responses, end, leftover: parsed.rest.toString('latin1').slice(0, 200), ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    socket.on('connect', () => socket.write(options.data));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseResponses(received, false).responses.length >= options.expectResponses) finish('enough');
    });
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message;
    });
    socket.on('close', () => finish('closed'));
  });
}

/** Every complete response in `data`; a body without a length counts only once the connection has closed. */
export function parseResponses(data: Buffer, closed: boolean): { responses: RawHttpResponse[]; rest: Buffer } {
  const responses: RawHttpResponse[] = [];
  let rest = data;
  for (;;) {
    const headerEnd = rest.indexOf('\r\n\r\n');
    if (headerEnd === -1) break;
    const [statusLine = '', ...headerLines] = rest.subarray(0, headerEnd).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!status) break;
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const code = Number(status[1]);
    const afterHeaders = rest.subarray(headerEnd + 4);
    const body = readBody(afterHeaders, code, headers, closed);
    if (!body) break;
    rest = afterHeaders.subarray(body.consumed);
    // Interim answers (100 Continue) are not the response.
    if (code >= 200) responses.push({ status: code, headers, body: body.body });
  }
  return { responses, rest };
}

function readBody(data: Buffer, status: number, headers: Record<string, string>, closed: boolean): { body: Buffer; consumed: number } | null {
  if (status < 200 || status === 204 || status === 304) return { body: Buffer.alloc(0), consumed: 0 };
  if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) return readChunked(data);
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return data.length >= length ? { body: data.subarray(0, length), consumed: length } : null;
  }
  return closed ? { body: data, consumed: data.length } : null;
}

function readChunked(data: Buffer): { body: Buffer; consumed: number } | null {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) return null;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    offset = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n', offset);
      return trailerEnd === -1 ? null : { body: Buffer.concat(parts), consumed: trailerEnd + 2 };
    }
    if (data.length < offset + size + 2) return null;
    parts.push(data.subarray(offset, offset + size));
    offset += size + 2;
  }
}
