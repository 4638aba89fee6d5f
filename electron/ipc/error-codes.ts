// Every error code an IPC call can answer with. Kept apart from the zod contract so the renderer can import the
// list at runtime without bundling zod.
export const ipcErrorCodes = [
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
] as const;
