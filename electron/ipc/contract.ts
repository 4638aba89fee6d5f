// The one IPC contract between the renderer and the main process: for every channel, the runtime schema of its
// request and of its response. Main validates requests against it and parses responses through it (which also
// strips anything not in the schema, so a secret cannot ride along by accident). The renderer imports types only.
import { z } from 'zod';
import type { ChannelName } from './channels.ts';
import { ipcErrorCodes } from './error-codes.ts';

export const IpcErrorCode = z.enum(ipcErrorCodes);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const IpcError = z.object({
  code: IpcErrorCode,
  message: z.string(),
  // Seconds until a rate-limited registry accepts attempts again (from its Retry-After header).
  retryAfterSeconds: z.number().int().min(0).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

const None = z.undefined();

const RegistryUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'an http(s) URL');

export const AccountRef = z.object({ registryUrl: z.string(), username: z.string() });
export type AccountRef = z.infer<typeof AccountRef>;

// Where the session token of the signed-in account is kept: the OS keychain, or memory for this run only.
export const SessionStorageKind = z.enum(['keychain', 'memory']);

const SignedIn = z.object({ status: z.literal('signed-in'), account: AccountRef, storage: SessionStorageKind });
const SignedOut = z.object({ status: z.literal('signed-out') });

export const AppInfo = z.object({
  transport: z.enum(['electron', 'browser']),
  defaultRegistryUrl: z.string(),
  keychainAvailable: z.boolean(),
  // Only in demo mode: the demo account's published credentials, shown on the sign-in screen.
  demo: z
    .object({
      username: z.string(),
      password: z.string(),
      totpSecret: z.string(),
      recoveryCodes: z.array(z.object({ code: z.string(), used: z.boolean() })),
    })
    .nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SignInRequest = z.strictObject({
  registryUrl: RegistryUrl,
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const SecondFactorRequest = z.union([
  z.strictObject({ challengeId: z.string().min(1).max(100), otp: z.string().trim().regex(/^\d{6}$/, 'six digits') }),
  z.strictObject({ challengeId: z.string().min(1).max(100), recoveryCode: z.string().trim().min(1).max(64) }),
]);

export const AccountOverview = z.object({
  registryUrl: z.string(),
  username: z.string(),
  createdAt: z.string(),
  twoFactorEnabled: z.boolean(),
  recoveryCodesRemaining: z.number().int().min(0),
  recoveryCodesLow: z.boolean(),
  lastSignIn: z.object({ time: z.string(), ip: z.string(), userAgent: z.string() }).nullable(),
  failedSignInsLast30Days: z.number().int().min(0),
  // The part of those refused by the registry's rate limit without the password or code being checked.
  rateLimitedSignInsLast30Days: z.number().int().min(0),
  storage: SessionStorageKind,
});
export type AccountOverview = z.infer<typeof AccountOverview>;

export const ipcContract = {
  'app:get-info': { request: None, response: AppInfo },
  'session:get-current': { request: None, response: z.discriminatedUnion('status', [SignedIn, SignedOut]) },
  'session:sign-in': {
    request: SignInRequest,
    response: z.discriminatedUnion('status', [
      SignedIn,
      z.object({ status: z.literal('second-factor-required'), challengeId: z.string() }),
    ]),
  },
  'session:verify': { request: SecondFactorRequest, response: SignedIn },
  'session:sign-out': { request: None, response: SignedOut },
  'account:get-overview': { request: None, response: AccountOverview },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type RequestOf<C extends ChannelName> = z.input<IpcContract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<IpcContract[C]['response']>;

// What the preload (Electron) and the browser bridge both give the renderer.
export interface VigilBridge {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
}
