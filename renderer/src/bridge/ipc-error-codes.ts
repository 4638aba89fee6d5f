// Reading error envelopes that arrive over the bridge: only codes of the contract, only its fields.
import { ipcErrorCodes, type IpcError, type IpcErrorCode } from './contract.ts';

export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  return typeof value === 'string' && (ipcErrorCodes as readonly string[]).includes(value);
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
