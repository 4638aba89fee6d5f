// The account's sign-in security, acted on for the signed-in user: confirming access, the authenticator, recovery
// codes, the password and sessions. Each call goes to the registry with the token main holds; secrets the registry
// shows once (a pending TOTP secret, new recovery codes) pass through to the window and are not kept here.
// Sensitive actions the registry refuses with confirmation_required reach the window as that code, which opens
// "Confirm access" there and then repeats the action.
import type { SessionSummary } from '../ipc/contract.ts';
import { AppError } from './app-error.ts';
import { failedSignInTypes, toFailedSignIns } from './failed-sign-ins.ts';
import type { RegistryCaller } from './registry-caller.ts';
import { isRegistryError } from './registry-error.ts';

const failedSignInsPageSize = 50;

export function createAccountSecurity(call: RegistryCaller) {
  return {
    confirmAccess: (request: { password: string; otp?: string }) =>
      call((client, { token }) => client.confirmSession(token, request)),

    listFailedSignIns: (request: { cursor?: string }) =>
      call(async (client, { token }) => {
        const page = await client.listEvents(token, { types: failedSignInTypes, limit: failedSignInsPageSize, ...request });
        return { failures: toFailedSignIns(page.events), nextCursor: page.nextCursor };
      }),

    startTwoFactor: () => call((client, { token }) => client.startTotpEnrollment(token)),

    activateTwoFactor: (request: { otp: string }) =>
      call(async (client, { token }) => ({ recoveryCodes: (await client.activateTotp(token, request)).recoveryCodes })),

    disableTwoFactor: () =>
      call(async (client, { token }) => {
        await client.disableTotp(token);
        return { done: true as const };
      }),

    generateRecoveryCodes: () => call((client, { token }) => client.generateRecoveryCodes(token)),

    checkRecoveryCode: (request: { code: string }) => call((client, { token }) => client.checkRecoveryCode(token, request)),

    changePassword: (request: { newPassword: string }) =>
      call(async (client, { token }) => {
        await client.changePassword(token, request);
        return { done: true as const };
      }),

    listSessions: () =>
      call(async (client, { token }): Promise<{ sessions: SessionSummary[] }> => client.listSessions(token)),

    endSession: (request: { id: string }) =>
      call(async (client, { token }) => {
        try {
          await client.endAccountSession(token, request.id);
        } catch (error) {
          if (isRegistryError(error) && error.code === 'not_found') {
            throw new AppError('not_found', 'That session has already ended.');
          }
          throw error;
        }
        return { done: true as const };
      }),

    endOtherSessions: () => call((client, { token }) => client.endOtherSessions(token)),
  };
}

export type AccountSecurity = ReturnType<typeof createAccountSecurity>;
