// The project page's two confirmations: requiring 2FA for publishing, after a preview of exactly who would be
// blocked, and removing a collaborator.
import { useId, useState } from 'react';
import type { ProjectCompliance } from '../bridge/contract.ts';
import { ModalDialog } from '../modal-dialog.tsx';

// The preview the issue asks for: exactly who would be blocked from publishing, before anything changes.
export function RequireTwoFactorDialog(props: {
  data: ProjectCompliance;
  pending: boolean;
  onConfirm: (automationTokensBypass2fa: boolean) => void;
  onCancel: () => void;
}) {
  const { data, pending, onConfirm, onCancel } = props;
  const headingId = useId();
  const checkboxId = useId();
  const [automation, setAutomation] = useState(false);
  const blocked = data.project.collaborators.filter((person) => !person.twoFactor.enabled);
  const bypassing = data.project.tokens.filter((token) => token.permission === 'read-write' && token.bypass2fa);
  return (
    <ModalDialog labelledBy={headingId} onCancel={onCancel} wide>
      <div className="stack">
        <h2 id={headingId}>Require 2FA for publishing {data.project.name}?</h2>
        <p className="lead">Every publish will need a current one-time code, and collaborators without 2FA cannot publish.</p>
        {blocked.length === 0 ? (
          <p>Nobody is blocked: every collaborator has two-factor authentication.</p>
        ) : (
          <>
            <p>
              <strong>These collaborators have no 2FA and will be blocked from publishing</strong> until they turn it on:
            </p>
            <ul className="revoke-list" aria-label="Collaborators who would be blocked">
              {blocked.map((person) => (
                <li key={person.username} className="mono">
                  {person.username}
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="checkbox">
          <input id={checkboxId} type="checkbox" checked={automation} onChange={(event) => setAutomation(event.target.checked)} />
          <label htmlFor={checkboxId}>
            Let tokens marked "bypass 2FA" publish without a code ({bypassing.length} reach this project)
          </label>
        </div>
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={() => onConfirm(automation)} disabled={pending}>
            Require 2FA
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}

export function ConfirmRemoveDialog(props: { username: string; project: string; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const headingId = useId();
  return (
    <ModalDialog labelledBy={headingId} onCancel={props.onCancel}>
      <div className="stack">
        <h2 id={headingId}>
          Remove {props.username} from {props.project}?
        </h2>
        <p className="lead">They can no longer publish it, and their tokens stop reaching it.</p>
        <div className="form__actions">
          <button type="button" className="button button--danger" onClick={props.onConfirm} disabled={props.pending}>
            Remove {props.username}
          </button>
          <button type="button" className="button button--secondary" onClick={props.onCancel} disabled={props.pending}>
            Cancel
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
