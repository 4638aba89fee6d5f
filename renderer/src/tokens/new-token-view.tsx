// A new token, shown this once: the token, Copy (main clears the clipboard after 30 s where it can), and the lines
// to paste into .npmrc or a shell. The token lives in the dialog's state until Done and nowhere else.
import { useEffect, useId, useRef, useState } from 'react';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, AppInfo } from '../bridge/contract.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { WarningIcon } from '../icons.tsx';
import { copySecret } from '../shown-once-secrets.ts';
import { environmentLine, npmrcLine, scopeText } from './token-text.ts';

interface NewTokenViewProps {
  headingId: string;
  token: string;
  name: string;
  projects: 'all' | string[];
  account: AccountRef;
  outlet: AppInfo['secretOutlet'];
  onDone: () => void;
}

export function NewTokenView({ headingId, token, name, projects, account, outlet, onDone }: NewTokenViewProps) {
  const bridge = useBridge();
  const [status, setStatus] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form that had focus is gone: start reading at the heading.
  useEffect(() => headingRef.current?.focus(), []);
  const lines = [
    { label: 'Token', text: token },
    { label: '.npmrc line', text: npmrcLine(account.registryUrl, token) },
    { label: 'Environment variable', text: environmentLine(token) },
  ];

  async function copy(label: string, text: string) {
    clear();
    try {
      const seconds = await copySecret(bridge, outlet, text);
      setStatus(`${label} copied. Vigil clears the clipboard in ${seconds} seconds if it still holds it.`);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <div className="new-codes">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Copy your new token
      </h2>
      <p className="notice notice--warning">
        <WarningIcon />
        <span>
          This is the only time the token <strong>{name}</strong> ({scopeText(projects)}) is shown. Put it where it will be used
          now; if it is lost, revoke it and create another.
        </span>
      </p>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} /> : null}
      <dl className="secret-lines">
        {lines.map((line) => (
          <SecretLine key={line.label} label={line.label} text={line.text} onCopy={() => void copy(line.label, line.text)} />
        ))}
      </dl>
      <p className="form__progress" role="status">
        {status}
      </p>
      <div>
        <button type="button" className="button button--primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function SecretLine({ label, text, onCopy }: { label: string; text: string; onCopy: () => void }) {
  const id = useId();
  return (
    <div className="secret-lines__row">
      <dt id={id}>{label}</dt>
      <dd>
        <code className="mono break">{text}</code>
        <button type="button" className="button button--secondary button--small" aria-label={`Copy ${label}`} aria-describedby={id} onClick={onCopy}>
          Copy
        </button>
      </dd>
    </div>
  );
}
