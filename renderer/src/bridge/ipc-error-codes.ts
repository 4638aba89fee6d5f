// The renderer may not import the zod contract at runtime (it would bundle zod and cross the process boundary),
// so it keeps its own list of error codes. The type checks below fail the build if the two lists drift apart.
import type { IpcError, IpcErrorCode } from './contract.ts';

export const knownIpcErrorCodes = [
  'invalid_request',
  'unknown_channel',
  'forbidden_sender',
  'not_signed_in',
  'session_expired',
  'invalid_credentials',
  'invalid_otp',
  'invalid_recovery_code',
  'burned_recovery_code',
  'rate_limited',
  'challenge_expired',
  'registry_unreachable',
  'unexpected_response',
  'keychain_unavailable',
  'internal',
] as const satisfies readonly IpcErrorCode[];

type MissingCodes = Exclude<IpcErrorCode, (typeof knownIpcErrorCodes)[number]>;
const everyCodeListed: [MissingCodes] extends [never] ? true : MissingCodes = true;
void everyCodeListed;

export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  return typeof value === 'string' && (knownIpcErrorCodes as readonly string[]).includes(value);
}

// Accepts anything shaped like an IpcError, dropping unknown fields so nothing unexpected reaches the UI.
export function readIpcError(value: unknown): IpcError | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (!isIpcErrorCode(record.code) || typeof record.message !== 'string') return null;
  const retryAfter = record.retryAfterSeconds;
  if (retryAfter !== undefined) {
    if (typeof retryAfter !== 'number' || !Number.isInteger(retryAfter) || retryAfter < 0) return null;
    return { code: record.code, message: record.message, retryAfterSeconds: retryAfter };
  }
  return { code: record.code, message: record.message };
}
