// Sensitive actions, like GitHub's sudo mode: when main answers confirmation_required, the action waits while a
// "Confirm access" dialog asks for the password (and a one-time code when 2FA is on), then runs again, once. The
// registry refused the first attempt, so nothing is done twice; cancelling the dialog ends the action quietly.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
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
  resolve: () => void;
  reject: (error: Error) => void;
}

export function ConfirmAccessProvider({ twoFactorEnabled, children }: { twoFactorEnabled: boolean; children: ReactNode }) {
  const [waiting, setWaiting] = useState<Waiting | null>(null);

  const run = useCallback<RunSensitive>(async (action) => {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof IpcCallError && error.ipcError.code === 'confirmation_required')) throw error;
    }
    await new Promise<void>((resolve, reject) => setWaiting({ resolve, reject }));
    return action();
  }, []);

  return (
    <ConfirmAccessContext.Provider value={run}>
      {children}
      {waiting ? (
        <ConfirmAccessDialog
          twoFactorEnabled={twoFactorEnabled}
          onConfirmed={() => {
            setWaiting(null);
            waiting.resolve();
          }}
          onCancel={() => {
            setWaiting(null);
            waiting.reject(new AccessNotConfirmed());
          }}
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
