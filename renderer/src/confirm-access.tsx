// Sensitive actions, like GitHub's sudo mode: when main answers confirmation_required, the action waits while a
// "Confirm access" dialog asks for the password (and a one-time code when 2FA is on), then runs again, once. The
// registry refused the first attempt, so nothing is done twice. Cancelling the dialog, or leaving the page, ends
// the waiting actions quietly; several actions waiting at once share one dialog.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { IpcCallError } from './bridge/ipc-call.ts';
import { ConfirmAccessDialog } from './confirm-access-dialog.tsx';

export class AccessNotConfirmed extends Error {
  constructor() {
    super('Access was not confirmed.');
    this.name = 'AccessNotConfirmed';
  }
}

type RunSensitive = <T>(action: () => Promise<T>) => Promise<T>;

const ConfirmAccessContext = createContext<RunSensitive | null>(null);

interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export function ConfirmAccessProvider({ twoFactorEnabled, children }: { twoFactorEnabled: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const waiting = useRef<Waiting | null>(null);
  const { pathname } = useLocation();

  const settle = useCallback((outcome: 'confirmed' | 'cancelled') => {
    const current = waiting.current;
    waiting.current = null;
    setOpen(false);
    if (outcome === 'confirmed') current?.resolve();
    else current?.reject(new AccessNotConfirmed());
  }, []);

  const run = useCallback<RunSensitive>(async (action) => {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof IpcCallError && error.ipcError.code === 'confirmation_required')) throw error;
    }
    if (!waiting.current) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((onResolve, onReject) => {
        resolve = onResolve;
        reject = onReject;
      });
      waiting.current = { promise, resolve, reject };
      setOpen(true);
    }
    await waiting.current.promise;
    return action();
  }, []);

  // An action confirmed after its page is gone would run where nobody sees its outcome.
  useEffect(() => () => settle('cancelled'), [pathname, settle]);

  return (
    <ConfirmAccessContext.Provider value={run}>
      {children}
      {open ? (
        <ConfirmAccessDialog
          twoFactorEnabled={twoFactorEnabled}
          onConfirmed={() => settle('confirmed')}
          onCancel={() => settle('cancelled')}
        />
      ) : null}
    </ConfirmAccessContext.Provider>
  );
}

export function useRunSensitive(): RunSensitive {
  const run = useContext(ConfirmAccessContext);
  if (!run) throw new Error('useRunSensitive must be used inside <ConfirmAccessProvider>.');
  return run;
}
