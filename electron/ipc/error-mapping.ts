// Turns whatever a handler threw into the IPC error the renderer gets. Registry errors map onto the IPC codes the
// renderer knows; anything unforeseen becomes "internal" with a generic message, and only the error's class and
// code are logged — never its message or the request, which could hold a password or a token.
import type { IpcError, IpcErrorCode } from './contract.ts';
import { AppError } from '../services/app-error.ts';
import { isRegistryError, type RegistryError, type RegistryErrorCode } from '../services/registry-error.ts';

const registryToIpc: Record<RegistryErrorCode, IpcErrorCode> = {
  invalid_credentials: 'invalid_credentials',
  invalid_otp: 'invalid_otp',
  invalid_recovery_code: 'invalid_recovery_code',
  burned_recovery_code: 'burned_recovery_code',
  rate_limited: 'rate_limited',
  confirmation_required: 'confirmation_required',
  no_pending_enrollment: 'no_pending_enrollment',
  two_factor_disabled: 'two_factor_disabled',
  weak_password: 'weak_password',
  // Asked for only when confirming access (sign-in turns it into a second-factor step before it gets here).
  otp_required: 'otp_required',
  unauthenticated: 'session_expired',
  registry_unreachable: 'registry_unreachable',
  // Transient trouble between console and registry: from the user's side the registry cannot be reached just now.
  request_timeout: 'registry_unreachable',
  too_many_connections: 'registry_unreachable',
  unexpected_response: 'unexpected_response',
  // The console validated the request before sending it, so these mean the registry disagrees with the contract
  // (or is not a Vigil registry at all): the user can do nothing but check the URL or the registry.
  invalid_request: 'unexpected_response',
  payload_too_large: 'unexpected_response',
  headers_too_large: 'unexpected_response',
  not_found: 'unexpected_response',
  internal: 'unexpected_response',
  // Refusals of a new token the user can act on: turn 2FA on, pick another name, pick their own projects.
  two_factor_required: 'two_factor_required',
  name_taken: 'name_taken',
  not_a_collaborator: 'not_a_collaborator',
  // Project administration: the console lets only owners of the active account try, and says so.
  owner_required: 'owner_required',
  last_owner: 'last_owner',
  already_collaborator: 'unexpected_response',
  // Turning 2FA off while a project requires it.
  two_factor_required_by_project: 'two_factor_required_by_project',
  // The console publishes nothing and calls with its session, never a token: these would mean a broken registry.
  release_exists: 'unexpected_response',
  invalid_token: 'unexpected_response',
  token_expired: 'unexpected_response',
  token_revoked: 'unexpected_response',
  read_only_token: 'unexpected_response',
  out_of_scope: 'unexpected_response',
  ip_not_allowed: 'unexpected_response',
};

export const internalErrorMessage = 'Something went wrong in Vigil. Please try again.';

export function registryErrorToIpc(error: RegistryError): IpcError {
  return {
    code: registryToIpc[error.code],
    // A refused password is explained in the registry's words (its policy, never the password itself).
    message: error.code === 'weak_password' && error.reason ? error.reason : error.message,
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
  };
}

export function toIpcError(error: unknown, log: (message: string) => void, channel: string): IpcError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (isRegistryError(error)) return registryErrorToIpc(error);
  log(`ipc ${channel}: unexpected ${describeForLog(error)}`);
  return { code: 'internal', message: internalErrorMessage };
}

function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}
