// What the IPC dispatcher may answer, per the contract: { ok: true, value } with the channel's response schema, or
// { ok: false, error: { code, message, retryAfterSeconds? } } with a known code — and for a request the contract
// rejects, exactly unknown_channel or invalid_request, never a handler's error.
import { inspect } from 'node:util';
import { isChannelName } from '../../electron/ipc/channels.ts';
import { ipcContract, IpcError } from '../../electron/ipc/contract.ts';
import { ipcErrorCodes } from '../../electron/ipc/error-codes.ts';

/** The dispatcher's answer without running a handler, per the contract, or null for a well-formed call. */
export function expectedRefusal(channel: unknown, payload: unknown): 'unknown_channel' | 'invalid_request' | null {
  if (!isChannelName(channel)) return 'unknown_channel';
  const schema = ipcContract[channel].request;
  // As the dispatcher does: JSON transports send null for "no request".
  const request = payload === null && schema.safeParse(undefined).success ? undefined : payload;
  return schema.safeParse(request).success ? null : 'invalid_request';
}

/** Null when `result` is a well-formed envelope for this call; otherwise what is wrong with it. */
export function problemWithResult(channel: unknown, payload: unknown, result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return `not an envelope: ${inspect(result)}`;
  const envelope = result as { ok?: unknown; value?: unknown; error?: unknown };
  const fields = Object.keys(envelope).join();
  const refusal = expectedRefusal(channel, payload);
  if (envelope.ok === true) {
    if (fields !== 'ok,value') return `envelope fields ${fields}`;
    if (refusal) return `accepted a malformed request (expected ${refusal})`;
    const parsed = ipcContract[channel as keyof typeof ipcContract].response.safeParse(envelope.value);
    return parsed.success ? null : `value does not match the ${String(channel)} response schema`;
  }
  if (envelope.ok !== false) return `ok is ${inspect(envelope.ok)}`;
  if (fields !== 'ok,error') return `envelope fields ${fields}`;
  const error = IpcError.strict().safeParse(envelope.error);
  if (!error.success) return `error is not {code, message, retryAfterSeconds?}: ${inspect(envelope.error)}`;
  const { code, message } = error.data;
  if (!(ipcErrorCodes as readonly string[]).includes(code)) return `unknown code ${code}`;
  if (message.trim() === '') return 'empty message';
  if (refusal && code !== refusal) return `malformed request answered ${code}, expected ${refusal}`;
  // Registry, disk and keychain are healthy in the fuzz, so "internal" can only mean a handler broke.
  if (!refusal && code === 'internal') return 'a well-formed request failed with internal';
  return null;
}
