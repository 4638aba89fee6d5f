// The one IPC contract between the renderer and the main process: for every channel, the runtime schema of its
// request and of its response. Main validates requests against it and parses responses through it (which also
// strips anything not in the schema, so a secret cannot ride along by accident). The renderer imports types only.
import { z } from 'zod';
import { EstateProject, ProjectPolicy } from '../../registry/contract/estate-schemas.ts';
import { ProjectName, ProjectsResponse } from '../../registry/contract/project-schemas.ts';
import {
  CreateTokenRequest,
  RevokeTokensRequest,
  RevokeTokensResponse,
  TokenId,
  TokenInfo,
  tokenLifetimes,
  apiTokenShape,
} from '../../registry/contract/token-schemas.ts';
import { eventTypes } from '../../registry/contract/event-types.ts';
import { flagKinds } from '../services/activity/activity-flags.ts';
import { chainProblemReasons } from '../services/activity/chain-problems.ts';
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

// The active account (the one the account pages act for) and every signed-in account, in the order added.
const SignedIn = z.object({
  status: z.literal('signed-in'),
  account: AccountRef,
  storage: SessionStorageKind,
  accounts: z.array(AccountRef.extend({ storage: SessionStorageKind })),
});
const SignedOut = z.object({ status: z.literal('signed-out') });

export const AppInfo = z.object({
  transport: z.enum(['electron', 'browser']),
  defaultRegistryUrl: z.string(),
  keychainAvailable: z.boolean(),
  // Who copies and saves codes shown once: main (Electron), or the page itself (a browser tab).
  secretOutlet: z.enum(['main', 'page']),
  // Only in demo mode: the demo account's published credentials, shown on the sign-in screen.
  demo: z
    .object({
      username: z.string(),
      password: z.string(),
      totpSecret: z.string(),
      recoveryCodes: z.array(z.object({ code: z.string(), used: z.boolean() })),
      // The demo registry's other people, to try Add account and the compliance checks with (one has no 2FA).
      others: z.array(z.object({ username: z.string(), password: z.string(), totpSecret: z.string().nullable(), about: z.string() })),
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

const SignInRecord = z.object({ time: z.string(), ip: z.string(), userAgent: z.string() });

// One failed sign-in as a person reads it: when, from where, and what was wrong. A wrong second factor or
// recovery code means the password was right; rate_limited stands for `count` attempts refused unchecked.
export const FailedSignIn = z.object({
  id: z.string(),
  time: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  cause: z.enum(['password', 'second_factor', 'recovery_code', 'rate_limited']),
  count: z.number().int().min(1),
});
export type FailedSignIn = z.infer<typeof FailedSignIn>;

export const AccountOverview = z.object({
  registryUrl: z.string(),
  username: z.string(),
  createdAt: z.string(),
  twoFactorEnabled: z.boolean(),
  twoFactorEnabledAt: z.string().nullable(),
  recoveryCodesRemaining: z.number().int().min(0),
  recoveryCodesGeneratedAt: z.string().nullable(),
  recoveryCodesLow: z.boolean(),
  // The sign-in before the one that started this console's session.
  lastSignIn: SignInRecord.nullable(),
  failedSignInsLast30Days: z.number().int().min(0),
  // The part of those refused by the registry's rate limit without the password or code being checked.
  rateLimitedSignInsLast30Days: z.number().int().min(0),
  // The newest few, newest first.
  recentFailedSignIns: z.array(FailedSignIn),
  storage: SessionStorageKind,
});
export type AccountOverview = z.infer<typeof AccountOverview>;

const Done = z.object({ done: z.literal(true) });
const Otp = z.string().trim().regex(/^\d{6}$/, 'six digits');
const RecoveryCodes = z.array(z.string());

export const ConfirmAccessRequest = z.strictObject({ password: z.string().min(1).max(1024), otp: Otp.optional() });

export const SessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

// Secrets shown once leave the window only through these: in Electron, main copies (and clears the clipboard
// after clearAfterSeconds) and saves through a save dialog; in a browser tab only the page can reach the
// clipboard or start a download, so the host answers 'page' and the page does it.
const SecretText = z.string().min(1).max(4096);
export const CopySecretResponse = z.object({ copiedBy: z.enum(['main', 'page']), clearAfterSeconds: z.number().int().min(0) });
export type CopySecretResponse = z.infer<typeof CopySecretResponse>;
export const SaveSecretResponse = z.object({ savedBy: z.enum(['main', 'page']), saved: z.boolean() });
export type SaveSecretResponse = z.infer<typeof SaveSecretResponse>;

// A scan for tokens on this computer: started with the folders the user added, then polled by id until done.
const ScanId = z.string().uuid();
export const FoundToken = z.object({
  kind: z.enum(['vigil', 'npm', 'pypi']),
  // The first 8 characters and an ellipsis; a finding never holds a whole token.
  preview: z.string().max(16),
  where: z.string(),
  line: z.number().int().min(0),
  state: z.enum(['active', 'revoked', 'expired', 'unknown']).nullable(),
});
export type FoundToken = z.infer<typeof FoundToken>;
export const TokenScanStatus = z.object({
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  filesScanned: z.number().int().min(0),
  current: z.string().nullable(),
  findings: z.array(FoundToken),
});
export type TokenScanStatus = z.infer<typeof TokenScanStatus>;

// An API token as the Tokens page shows it: the registry's facts (never the key or the token) and what to warn of.
export const TokenRow = TokenInfo.omit({ key: true, revokedAt: true }).extend({
  flags: z.object({
    expiringSoon: z.boolean(),
    stale: z.boolean(),
    allProjects: z.boolean(),
    bypasses2fa: z.boolean(),
    noIpLimit: z.boolean(),
  }),
});
export type TokenRow = z.infer<typeof TokenRow>;

// The registry's request, with its per-permission lifetime checked here too so the form hears of it at once.
const NewTokenRequest = CreateTokenRequest.superRefine((request, context) => {
  const { maxDays } = tokenLifetimes[request.permission];
  if (request.expiresInDays !== undefined && request.expiresInDays > maxDays) {
    context.addIssue({ code: 'custom', path: ['expiresInDays'], message: `a ${request.permission} token lasts at most ${maxDays} days` });
  }
});
export type NewTokenRequest = z.input<typeof NewTokenRequest>;

// Compliance: each signed-in account's projects judged by the rules (compliance/compliance-rules.ts).
export const ComplianceFinding = z.object({
  rule: z.string(),
  severity: z.enum(['failing', 'at-risk']),
  reason: z.string(),
  fix: z.string(),
});
export type ComplianceFinding = z.infer<typeof ComplianceFinding>;
export const ProjectStatus = z.enum(['failing', 'at-risk', 'compliant']);
export const ComplianceRow = z.object({
  account: AccountRef,
  name: z.string(),
  role: z.enum(['owner', 'maintainer']),
  policy: ProjectPolicy,
  collaboratorsWithout2fa: z.array(z.string()),
  writeTokens: z.number().int().min(0),
  bypassTokens: z.number().int().min(0),
  status: ProjectStatus,
  findings: z.array(ComplianceFinding),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;
// One account's part of the table: its rows, or why they could not be read.
export const AccountCompliance = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), account: AccountRef, rows: z.array(ComplianceRow) }),
  z.object({ status: z.literal('failed'), account: AccountRef, error: IpcError }),
]);
export type AccountCompliance = z.infer<typeof AccountCompliance>;
export const ProjectCompliance = z.object({
  account: AccountRef,
  project: EstateProject.required({ collaborators: true, tokens: true }),
  status: ProjectStatus,
  findings: z.array(ComplianceFinding),
});
export type ProjectCompliance = z.infer<typeof ProjectCompliance>;
const ProjectRef = z.strictObject({ account: AccountRef.strict(), name: ProjectName });

// For channels that read one account's data: another signed-in account's instead of the active one's.
const OfAccount = z.strictObject({ account: AccountRef.strict().optional() }).optional();

// Activity: the account's audit log, each event with where it came from, on what, and what the analyzer flagged.
const IsoTime = z.iso.datetime({ offset: true });
export const ActivityFilter = z.strictObject({
  types: z.array(z.enum(eventTypes)).max(eventTypes.length).optional(),
  flaggedOnly: z.boolean().optional(),
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  ip: z.string().trim().min(1).max(64).optional(),
});
export type ActivityFilter = z.infer<typeof ActivityFilter>;
export const ActivityFlag = z.object({ kind: z.enum(flagKinds), severity: z.enum(['high', 'medium', 'low']), reason: z.string() });
export type ActivityFlag = z.infer<typeof ActivityFlag>;
export const ReviewAnswer = z.enum(['me', 'not-me']);
export type ReviewAnswer = z.infer<typeof ReviewAnswer>;
export const ActivityRow = z.object({
  id: z.string(),
  type: z.enum(eventTypes),
  time: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  // In words: "Lisbon, Portugal", "Private network", "Unknown location"; "npm on Linux".
  place: z.string(),
  device: z.string(),
  flags: z.array(ActivityFlag),
  // The owner's answer to "Was this you?" (kept by this console, per account; the event stays in the log): "me" for
  // "Yes, it was me", "not-me" for "No, secure my account"; null while unanswered.
  answer: ReviewAnswer.nullable(),
});
export type ActivityRow = z.infer<typeof ActivityRow>;
export const DayCount = z.object({ day: z.string(), successes: z.number().int().min(0), failures: z.number().int().min(0) });
export type DayCount = z.infer<typeof DayCount>;
const LogIntegrity = z.object({
  state: z.enum(['unread', 'checking', 'checked']),
  checking: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
  verified: z.number().int().min(0),
  problem: z
    .object({ eventId: z.string(), reason: z.enum(chainProblemReasons), type: z.string().optional(), time: z.string().optional() })
    .nullable(),
  interrupted: z.boolean(),
});

// limitedTo: the export stopped at this many rows (the newest), short of everything the filters select.
const ExportLimit = { limitedTo: z.number().int().min(1).optional() };
const ExportAnswer = z.discriminatedUnion('savedBy', [
  z.object({ savedBy: z.literal('main'), saved: z.boolean(), ...ExportLimit }),
  z.object({ savedBy: z.literal('page'), fileName: z.string(), mediaType: z.string(), content: z.string(), ...ExportLimit }),
]);

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
  'session:switch': { request: AccountRef.strict(), response: SignedIn },
  // Signs out the active account; another signed-in account, if any, becomes active.
  'session:sign-out': { request: None, response: z.discriminatedUnion('status', [SignedIn, SignedOut]) },
  'session:confirm': { request: ConfirmAccessRequest, response: z.object({ confirmedUntil: z.string() }) },
  // The active account's overview, or another signed-in account's.
  'account:get-overview': { request: OfAccount, response: AccountOverview },
  'account:list-failed-sign-ins': {
    request: z.strictObject({ cursor: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional() }),
    response: z.object({ failures: z.array(FailedSignIn), nextCursor: z.string().nullable() }),
  },
  // The pending secret is the one secret the window must show (as a QR code and as text); main keeps no copy.
  'two-factor:start': { request: None, response: z.object({ secret: z.string(), otpauthUri: z.string() }) },
  'two-factor:activate': {
    request: z.strictObject({ otp: Otp }),
    response: z.object({ recoveryCodes: RecoveryCodes.nullable() }),
  },
  'two-factor:disable': { request: None, response: Done },
  'recovery-codes:generate': { request: None, response: z.object({ recoveryCodes: RecoveryCodes, generatedAt: z.string() }) },
  'recovery-codes:check': {
    request: z.strictObject({ code: z.string().trim().min(1).max(64) }),
    response: z.object({ status: z.enum(['valid', 'used', 'unknown']) }),
  },
  'password:change': { request: z.strictObject({ newPassword: z.string().min(1).max(1024) }), response: Done },
  'sessions:list': { request: None, response: z.object({ sessions: z.array(SessionSummary) }) },
  'sessions:end': { request: z.strictObject({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'a session id') }), response: Done },
  'sessions:end-others': { request: None, response: z.object({ ended: z.number().int().min(0) }) },
  'secrets:copy': { request: z.strictObject({ text: SecretText }), response: CopySecretResponse },
  'secrets:save': {
    request: z.strictObject({
      suggestedName: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a file name of letters, digits, dot, dash or underscore'),
      text: SecretText,
    }),
    response: SaveSecretResponse,
  },
  'projects:list': { request: None, response: ProjectsResponse },
  'tokens:list': { request: OfAccount, response: z.object({ tokens: z.array(TokenRow) }) },
  // The new token itself is in the answer, to be shown this once; nothing keeps it.
  'tokens:create': { request: NewTokenRequest, response: TokenRow.extend({ token: z.string().regex(apiTokenShape) }) },
  'tokens:revoke': { request: z.strictObject({ id: TokenId }), response: Done },
  'tokens:revoke-many': { request: RevokeTokensRequest, response: RevokeTokensResponse },
  'projects:compliance': { request: None, response: z.object({ accounts: z.array(AccountCompliance) }) },
  'projects:detail': { request: ProjectRef, response: ProjectCompliance },
  // Owners only, through Confirm access; the project must belong to the active account.
  'projects:set-policy': { request: ProjectRef.extend({ policy: ProjectPolicy.strict() }), response: Done },
  'projects:remove-collaborator': { request: ProjectRef.extend({ username: z.string().min(1).max(100) }), response: Done },
  // The compliance table as a file: main saves it (Electron's save dialog), or hands it to the page to download.
  'projects:export': { request: z.strictObject({ format: z.enum(['csv', 'json']) }), response: ExportAnswer },
  'token-finder:start': {
    request: z.strictObject({
      folders: z.array(z.string().min(1).max(4096).refine((folder) => folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder), 'an absolute path')).max(20),
    }),
    response: z.object({ scanId: ScanId }),
  },
  'token-finder:status': { request: z.strictObject({ scanId: ScanId }), response: TokenScanStatus },
  'token-finder:cancel': { request: z.strictObject({ scanId: ScanId }), response: Done },
  // A page of the log, newest first; flaggedOnly pages through the flagged events. The cursor is opaque. The first
  // page (no cursor) says how many events the list holds when main knows it (the whole log, from the chain's head;
  // the flagged events), so the table is its full height from the start; null otherwise, and on later pages.
  'activity:list': {
    request: z.strictObject({ account: AccountRef.strict().optional(), filter: ActivityFilter, cursor: z.string().min(1).max(200).optional() }),
    response: z.object({ events: z.array(ActivityRow), nextCursor: z.string().nullable(), total: z.number().int().min(0).nullable() }),
  },
  // Flagged sign-ins not yet answered, newest first: the "Was this you?" list.
  'activity:flagged': { request: OfAccount, response: z.object({ events: z.array(ActivityRow) }) },
  'activity:sign-ins-per-day': { request: OfAccount, response: z.object({ days: z.array(DayCount) }) },
  'activity:review': {
    request: z.strictObject({ account: AccountRef.strict(), eventId: z.string().regex(/^[1-9]\d{0,15}$/), answer: ReviewAnswer }),
    response: Done,
  },
  'activity:export': { request: z.strictObject({ format: z.enum(['csv', 'json']), filter: ActivityFilter }), response: ExportAnswer },
  // Whether the log's hash chain checks out, and how far a read of the whole log has got (poll while checking).
  'activity:integrity': { request: OfAccount, response: LogIntegrity },
  // "Verify whole history": starts checking every event again; answers at once.
  'activity:verify': { request: OfAccount, response: LogIntegrity },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type RequestOf<C extends ChannelName> = z.input<IpcContract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<IpcContract[C]['response']>;

// What the preload (Electron) and the browser bridge both give the renderer.
export interface VigilBridge {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
}
