// The sign-in flow as a pure reducer: which step is showing, the challenge being answered, and the one failure on
// screen (with its rate-limit lock). Field values are not kept here; passwords and codes never enter this state.
import type { IpcError } from './bridge/contract.ts';

export type SecondFactorMethod = 'otp' | 'recovery';

export interface SignInFailure {
  error: IpcError;
  // The registry the attempt was for, named in "can't reach" messages.
  registryUrl: string;
  // Epoch ms until which the registry refuses attempts (rate_limited with a Retry-After), else null.
  lockedUntil: number | null;
  // Grows with every failure so a repeated identical message is re-inserted and announced again.
  id: number;
}

export interface SignInFlowState {
  step: 'password' | 'second-factor';
  challengeId: string | null;
  registryUrl: string;
  method: SecondFactorMethod;
  failure: SignInFailure | null;
  failures: number;
}

export type SignInFlowAction =
  | { type: 'submitted' }
  | { type: 'second-factor-required'; challengeId: string; registryUrl: string }
  | { type: 'failed'; error: IpcError; registryUrl: string; now: number }
  | { type: 'method-changed'; method: SecondFactorMethod; now: number }
  // The user changed what they typed: the last failure no longer describes it.
  | { type: 'edited'; now: number }
  | { type: 'cancelled'; now: number };

// Errors after which the challenge cannot be answered any more, so the password step must start over. Main drops
// a challenge whose password the registry stopped accepting (e.g. changed meanwhile): invalid_credentials too.
const restartCodes: ReadonlySet<IpcError['code']> = new Set([
  'challenge_expired',
  'session_expired',
  'not_signed_in',
  'invalid_credentials',
]);

// `notice` is a failure carried in from elsewhere, e.g. the dashboard finding that the session expired.
export function createSignInFlow(notice: IpcError | null = null, now = Date.now()): SignInFlowState {
  const initial: SignInFlowState = {
    step: 'password',
    challengeId: null,
    registryUrl: '',
    method: 'otp',
    failure: null,
    failures: 0,
  };
  return notice ? signInFlowReducer(initial, { type: 'failed', error: notice, registryUrl: '', now }) : initial;
}

export function signInFlowReducer(state: SignInFlowState, action: SignInFlowAction): SignInFlowState {
  switch (action.type) {
    case 'submitted':
      return { ...state, failure: null };
    case 'second-factor-required':
      return {
        ...state,
        step: 'second-factor',
        challengeId: action.challengeId,
        registryUrl: action.registryUrl,
        method: 'otp',
        failure: null,
      };
    case 'failed': {
      const id = state.failures + 1;
      const retryAfter = action.error.code === 'rate_limited' ? action.error.retryAfterSeconds : undefined;
      const failure: SignInFailure = {
        error: action.error,
        registryUrl: action.registryUrl,
        lockedUntil: retryAfter === undefined || retryAfter <= 0 ? null : action.now + retryAfter * 1000,
        id,
      };
      const restart = restartCodes.has(action.error.code);
      return {
        ...state,
        step: restart ? 'password' : state.step,
        challengeId: restart ? null : state.challengeId,
        method: restart ? 'otp' : state.method,
        failure,
        failures: id,
      };
    }
    case 'method-changed':
      return { ...state, method: action.method, failure: keepLock(state.failure, action.now) };
    case 'edited':
      return state.failure ? { ...state, failure: keepLock(state.failure, action.now) } : state;
    case 'cancelled':
      return {
        ...state,
        step: 'password',
        challengeId: null,
        method: 'otp',
        failure: keepLock(state.failure, action.now),
      };
    default:
      return state;
  }
}

// A running lock is the registry's, not the step's or the field's: it stays visible until it ends.
function keepLock(failure: SignInFailure | null, now: number): SignInFailure | null {
  return isLocked(failure, now) ? failure : null;
}

export function isLocked(failure: SignInFailure | null, now: number): boolean {
  return failure?.lockedUntil != null && failure.lockedUntil > now;
}
