// The single place failures are shown: role="alert", so inserting it (callers key it per failure) announces it.
import type { ReactNode } from 'react';
import type { IpcError } from './bridge/contract.ts';
import { describeError, lockMessageParts } from './error-messages.ts';
import { AlertIcon } from './icons.tsx';

interface ErrorAlertProps {
  error: IpcError;
  registryUrl?: string;
  // Live seconds left of a rate-limit lock, if one is running.
  secondsLeft?: number;
}

export function ErrorAlert({ error, registryUrl, secondsLeft }: ErrorAlertProps) {
  return (
    <div className="alert alert--error" role="alert">
      <AlertIcon />
      <p className="alert__message">{renderMessage(error, registryUrl, secondsLeft)}</p>
    </div>
  );
}

function renderMessage(error: IpcError, registryUrl: string | undefined, secondsLeft: number | undefined): ReactNode {
  if (error.code === 'rate_limited' && secondsLeft !== undefined && secondsLeft > 0) {
    const parts = lockMessageParts(secondsLeft);
    // aria-live="off" on the ticking part: the alert is announced once, not again every second.
    return (
      <>
        {parts.before}
        <span className="countdown" aria-live="off">
          {parts.time}
        </span>
        {parts.after}
      </>
    );
  }
  return describeError(error, { registryUrl, secondsLeft });
}
