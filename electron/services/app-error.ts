// An error the console itself raises with an IPC error code the renderer understands (not signed in, expired
// challenge, ...). Its message is written for the user and never includes request data.
import type { IpcErrorCode } from '../ipc/contract.ts';

export class AppError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}
