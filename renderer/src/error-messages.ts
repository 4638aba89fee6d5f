// One human sentence per error code. The main process's own message is only shown for invalid_request, where it
// says which field was wrong, and weak_password, where it says why; every other code gets wording written for the
// person at the keyboard.
import type { IpcError } from './bridge/contract.ts';
import { formatCountdown } from './countdown.ts';

export interface ErrorContext {
  // The registry the failed request was about, named in "can't reach" messages.
  registryUrl?: string;
  // Live seconds left of a rate-limit lock; when absent, the error's own retryAfterSeconds is used.
  secondsLeft?: number;
}

export function describeError(error: IpcError, context: ErrorContext = {}): string {
  switch (error.code) {
    case 'invalid_credentials':
      return 'Wrong username or password.';
    case 'invalid_otp':
      return 'That code is wrong or was already used. Wait for the next code and try again.';
    case 'invalid_recovery_code':
      return "That recovery code isn't valid. Check it for typos and try again.";
    case 'burned_recovery_code':
      return 'That recovery code was already used.';
    case 'otp_required':
      return 'Enter the one-time code from your authenticator app as well.';
    case 'confirmation_required':
      return 'Confirming access took too long. Try the action again.';
    case 'no_pending_enrollment':
      return 'The setup waited more than 10 minutes and expired. Start again to get a new QR code.';
    case 'two_factor_disabled':
      return 'Two-factor authentication is off, so there are no recovery codes. Turn it on first.';
    case 'weak_password':
      // The registry's reason (its policy, never the password) is what the user needs to pick a better one.
      return `The registry refused this password. ${sentence(error.message)}`.trim();
    case 'two_factor_required':
      return 'Tokens that can publish need two-factor authentication on your account. Turn it on first, on the Two-factor page.';
    case 'name_taken':
      return 'One of your tokens already has that name. Pick another, so you can tell them apart.';
    case 'not_a_collaborator':
      return "You aren't a collaborator on one of those projects any more. Reload the page and choose again.";
    case 'owner_required':
      return 'Only an owner of this project can change it.';
    case 'last_owner':
      return 'A project needs at least one owner: add another owner before removing this one.';
    case 'two_factor_required_by_project':
      return "One of your projects requires 2FA for publishing, so two-factor authentication can't be turned off. Change that project's policy first.";
    case 'not_found':
      // A session, token or scan that something else ended first.
      return 'That was already gone: ended or revoked elsewhere. The page now shows what is left.';
    case 'rate_limited':
      return describeRateLimit(error, context);
    case 'challenge_expired':
      return 'Your sign-in took too long to finish. Enter your password again.';
    case 'session_expired':
      return 'Your session has ended. Sign in again to continue.';
    case 'not_signed_in':
      return "You're signed out. Sign in to continue.";
    case 'registry_unreachable':
      return context.registryUrl
        ? `Can't reach the registry at ${context.registryUrl}. Check the address and your network connection, then try again.`
        : "Can't reach the registry. Check the address and your network connection, then try again.";
    case 'unexpected_response':
      return "The registry sent a response Vigil doesn't understand. Check that the URL points to a registry that supports the Registry Security API.";
    case 'invalid_request':
      return describeInvalidRequest(error.message);
    case 'keychain_unavailable':
      return "Vigil couldn't store your session in the system keychain. Unlock your keychain and try again.";
    case 'unknown_channel':
      return "This Vigil window doesn't match the running Vigil service. Restart Vigil and try again.";
    case 'forbidden_sender':
      return 'Vigil refused a request from this window. Reload the page or restart Vigil.';
    case 'internal':
      return 'Something went wrong inside Vigil. Try again, and restart Vigil if it keeps happening.';
    default:
      return unreachable(error.code);
  }
}

function describeRateLimit(error: IpcError, context: ErrorContext): string {
  const seconds = context.secondsLeft ?? error.retryAfterSeconds;
  if (seconds === undefined) return 'Too many failed attempts. Wait a few minutes, then try again.';
  if (seconds <= 0) return 'Too many failed attempts. You can try again now.';
  const parts = lockMessageParts(seconds);
  return parts.before + parts.time + parts.after;
}

// The running lock message in pieces, so the UI can keep the ticking time out of screen-reader announcements.
export function lockMessageParts(secondsLeft: number): { before: string; time: string; after: string } {
  return { before: 'Too many failed attempts. Try again in ', time: formatCountdown(secondsLeft), after: '.' };
}

function describeInvalidRequest(detail: string): string {
  const trimmed = detail.trim();
  if (!trimmed) return 'Check what you entered and try again.';
  return `Check what you entered: ${sentence(trimmed)}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function unreachable(code: never): string {
  return `Vigil hit an error it doesn't know (${String(code)}). Try again.`;
}
