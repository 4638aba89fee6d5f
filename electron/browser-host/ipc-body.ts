// Reads the JSON body of a POST /ipc/<channel>: application/json only (a cross-site page cannot send that
// without a CORS preflight we never answer), at most 64 KiB, and an empty body or null means "no request".
import type http from 'node:http';

export const maxIpcBodyBytes = 64 * 1024;

export type IpcBody = { ok: true; payload: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

export async function readIpcBody(request: http.IncomingMessage): Promise<IpcBody> {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    request.resume();
    return { ok: false, status: 415, message: 'IPC requests must be sent as application/json.' };
  }
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > maxIpcBodyBytes) {
    request.resume();
    return tooLarge();
  }
  const read = await new Promise<{ text: string } | { failure: 'too-large' | 'aborted' }>((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    // Past the limit the rest of the body is read and dropped, so the 413 can still be delivered.
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > maxIpcBodyBytes) {
        settled = true;
        resolve({ failure: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', () => {
      if (settled) return;
      settled = true;
      resolve({ failure: 'aborted' });
    });
  });
  if ('failure' in read) {
    return read.failure === 'too-large' ? tooLarge() : { ok: false, status: 400, message: 'The request body could not be read.' };
  }
  const { text } = read;
  if (text.trim() === '') return { ok: true, payload: undefined };
  try {
    return { ok: true, payload: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
}

function tooLarge(): IpcBody {
  return { ok: false, status: 413, message: 'The request body is larger than 64 KiB.' };
}
