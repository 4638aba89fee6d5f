// The renderer's one doorway to the shared IPC contract: types only, plus the dependency-free channel and
// error-code lists, and the analyzer's reviewable event types.
// Everything else in the renderer imports from here, so the process boundary is crossed in exactly one file.
export type {
  AccountOverview,
  AccountRef,
  AppInfo,
  FailedSignIn,
  IpcError,
  IpcErrorCode,
  RequestOf,
  ResponseOf,
  SessionSummary,
  NewTokenRequest,
  TokenRow,
  ComplianceRow,
  ProjectCompliance,
  AccountCompliance,
  TokenScanStatus,
  ActivityFilter,
  ActivityFlag,
  ActivityRow,
  DayCount,
  ReviewAnswer,
  FoundToken,
  Result,
  VigilBridge,
} from '../../../electron/ipc/contract.ts';
export { isChannelName, type ChannelName } from '../../../electron/ipc/channels.ts';
export { ipcErrorCodes } from '../../../electron/ipc/error-codes.ts';
export { reviewableEventTypes } from '../../../electron/services/activity/activity-flags.ts';
