// Revoking, confirmed first with exactly which tokens will stop working: one, the selected ones, or the stale ones.
import { useId } from 'react';
import type { TokenRow } from '../bridge/contract.ts';
import { ModalDialog } from '../modal-dialog.tsx';
import { countText, relativeTime, scopeText } from './token-text.ts';

interface RevokeTokensDialogProps {
  title: string;
  tokens: readonly TokenRow[];
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RevokeTokensDialog({ title, tokens, pending, onConfirm, onCancel }: RevokeTokensDialogProps) {
  const headingId = useId();
  const now = Date.now();
  return (
    // Escape does nothing while the revocation runs: its outcome must be seen.
    <ModalDialog labelledBy={headingId} onCancel={pending ? undefined : onCancel} wide>
      <div className="stack">
        <h2 id={headingId}>{title}</h2>
        <p className="lead">
          {tokens.length === 1 ? 'This token stops working at once' : `These ${tokens.length} tokens stop working at once`}: anything
          still using {tokens.length === 1 ? 'it' : 'them'} will be refused. This cannot be undone.
        </p>
        <ul className="revoke-list" aria-label="Tokens to revoke">
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> <span className="mono">{token.preview}…</span>
              <span className="field__hint">
                {' '}
                — {scopeText(token.projects)}, {token.lastUsed ? `last used ${relativeTime(token.lastUsed.time, now)}` : 'never used'}
              </span>
            </li>
          ))}
        </ul>
        <div className="form__actions">
          <button type="button" className="button button--danger" onClick={onConfirm} disabled={pending}>
            Revoke {countText(tokens.length, 'token')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <span className="form__progress" role="status">
            {pending ? 'Revoking…' : ''}
          </span>
        </div>
      </div>
    </ModalDialog>
  );
}
