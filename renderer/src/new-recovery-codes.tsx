// New recovery codes, shown this once, in a dialog above every page so that neither Back nor a click elsewhere can
// lose them: the list, Copy all, Save to file, and Done only once the user says the codes are saved. The codes live
// in this provider's state until Done and nowhere else in the window.
import { createContext, useCallback, useContext, useId, useRef, useState, type ReactNode } from 'react';
import { useActionFailure } from './action-failure.ts';
import type { AccountRef, AppInfo } from './bridge/contract.ts';
import { useBridge } from './bridge/bridge-context.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { WarningIcon } from './icons.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { copySecret, saveSecret } from './shown-once-secrets.ts';

type ShowCodes = (codes: readonly string[]) => Promise<void>;

const ShowCodesContext = createContext<ShowCodes | null>(null);

export function recoveryCodesFile(codes: readonly string[], account: AccountRef, now: Date): string {
  return [
    `Recovery codes for ${account.username} on ${account.registryUrl}`,
    `Generated ${now.toISOString()}. Each code signs you in once. Keep them offline, somewhere safe.`,
    '',
    ...codes,
    '',
  ].join('\n');
}

export function recoveryCodesFileName(account: AccountRef): string {
  return `vigil-recovery-codes-${account.username.replace(/[^A-Za-z0-9._-]/g, '_')}.txt`;
}

interface ProviderProps {
  account: AccountRef;
  outlet: AppInfo['secretOutlet'];
  children: ReactNode;
}

export function NewRecoveryCodesProvider({ account, outlet, children }: ProviderProps) {
  const [shown, setShown] = useState<{ codes: readonly string[]; done: () => void } | null>(null);
  const show = useCallback<ShowCodes>((codes) => new Promise((done) => setShown({ codes, done })), []);
  return (
    <ShowCodesContext.Provider value={show}>
      {children}
      {shown ? (
        <NewRecoveryCodesDialog
          codes={shown.codes}
          account={account}
          outlet={outlet}
          onDone={() => {
            setShown(null);
            shown.done();
          }}
        />
      ) : null}
    </ShowCodesContext.Provider>
  );
}

// Shows the codes and resolves once the user has saved them and pressed Done.
export function useShowNewRecoveryCodes(): ShowCodes {
  const show = useContext(ShowCodesContext);
  if (!show) throw new Error('useShowNewRecoveryCodes must be used inside <NewRecoveryCodesProvider>.');
  return show;
}

interface DialogProps {
  codes: readonly string[];
  account: AccountRef;
  outlet: AppInfo['secretOutlet'];
  onDone: () => void;
}

function NewRecoveryCodesDialog({ codes, account, outlet, onDone }: DialogProps) {
  const bridge = useBridge();
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const headingId = useId();
  const checkboxId = useId();
  const text = useRef(recoveryCodesFile(codes, account, new Date())).current;

  async function copy() {
    clear();
    try {
      const seconds = await copySecret(bridge, outlet, text);
      setStatus(`Copied. Vigil clears the clipboard in ${seconds} seconds if it still holds the codes.`);
    } catch (error) {
      fail(error);
    }
  }

  async function save() {
    clear();
    try {
      setStatus((await saveSecret(bridge, outlet, recoveryCodesFileName(account), text)) ? 'Saved to a file.' : 'Not saved.');
    } catch (error) {
      fail(error);
    }
  }

  return (
    <ModalDialog labelledBy={headingId} wide>
      <div className="new-codes">
        <h2 id={headingId}>Save your recovery codes</h2>
        <p className="notice notice--warning">
          <WarningIcon />
          <span>
            These codes are shown only this once. If you lose your authenticator, each code lets you sign in one time.
            Keep them offline — printed, or in a password manager.
          </span>
        </p>
        {failure ? <ErrorAlert key={failure.id} error={failure.error} /> : null}
        <ul className="code-list" aria-label="New recovery codes">
          {codes.map((code) => (
            <li key={code} className="mono">
              {code}
            </li>
          ))}
        </ul>
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            Copy all
          </button>
          <button type="button" className="button button--secondary" onClick={() => void save()}>
            Save to file
          </button>
          <span className="form__progress" role="status">
            {status}
          </span>
        </div>
        <div className="checkbox">
          <input id={checkboxId} type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
          <label htmlFor={checkboxId}>I have saved these codes</label>
        </div>
        <div>
          <button type="button" className="button button--primary" disabled={!saved} onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
