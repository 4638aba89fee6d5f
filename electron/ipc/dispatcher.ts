// The single entry point for IPC, shared by the Electron transport (ipcMain.handle) and the browser host
// (POST /ipc/<channel>). It never throws: every outcome is a Result envelope. Requests are validated against the
// contract before a handler sees them, and responses are parsed through the contract on the way out, which strips
// every field the contract does not name — a token a handler returned by mistake cannot reach the renderer.
import type { z } from 'zod';
import { isChannelName, type ChannelName } from './channels.ts';
import { ipcContract, type IpcContract, type Result } from './contract.ts';
import { toIpcError, internalErrorMessage } from './error-mapping.ts';
import { describeValidationError } from './validation-message.ts';

export type IpcHandlers = {
  [C in ChannelName]: (request: z.output<IpcContract[C]['request']>) => Promise<z.input<IpcContract[C]['response']>>;
};

export interface IpcDispatcher {
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

export function createIpcDispatcher(
  handlers: IpcHandlers,
  options: { log?: (message: string) => void } = {},
): IpcDispatcher {
  const log = options.log ?? ((message: string) => console.error(message));

  return {
    async dispatch(channel, payload) {
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: 'There is no such IPC channel.' } };
      }
      const contract = ipcContract[channel];
      // JSON cannot say "undefined": the browser transport sends null for channels that take no request.
      const request = payload === null && contract.request.safeParse(undefined).success ? undefined : payload;
      const parsedRequest = contract.request.safeParse(request);
      if (!parsedRequest.success) {
        return { ok: false, error: { code: 'invalid_request', message: describeValidationError(parsedRequest.error) } };
      }

      let value: unknown;
      try {
        const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
        value = await handler(parsedRequest.data);
      } catch (error) {
        return { ok: false, error: toIpcError(error, log, channel) };
      }

      const parsedResponse = (contract.response as z.ZodType).safeParse(value);
      if (!parsedResponse.success) {
        log(`ipc ${channel}: handler response does not match the contract`);
        return { ok: false, error: { code: 'internal', message: internalErrorMessage } };
      }
      return { ok: true, value: parsedResponse.data };
    },
  };
}
