// Turns result envelopes into thrown errors so react-query sees ordinary data and errors.
import type { IpcError, Result } from './contract.ts';
import { readIpcError } from './ipc-error-codes.ts';

export class IpcCallError extends Error {
  readonly ipcError: IpcError;

  constructor(ipcError: IpcError) {
    super(ipcError.message);
    this.name = 'IpcCallError';
    this.ipcError = ipcError;
  }
}

export function unwrapResult<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new IpcCallError(result.error);
}

// Whatever a query or mutation failed with, the UI only ever renders an IpcError.
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcCallError) return error.ipcError;
  const parsed = readIpcError(error);
  if (parsed) return parsed;
  return { code: 'internal', message: 'An unexpected error happened in the Vigil window.' };
}
