// One project: its findings with their fixes, its collaborators with their 2FA state, and every token that can
// reach it. An owner, signed in as the active account, can require 2FA for publishing — after seeing exactly who
// would be blocked — and remove a collaborator, both through Confirm access.
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, ProjectCompliance } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { ModalDialog } from '../modal-dialog.tsx';
import { focusPageHeading, PageHeading } from '../page-heading.tsx';
import { paths } from '../paths.ts';
import { useProjectDetail, useRemoveCollaborator, useSetPolicy } from '../projects/project-queries.ts';
import { accountText, policyText, statusText } from '../projects/project-text.ts';
import { useSwitchAccount } from '../queries.ts';
import { QueryStatus } from '../query-status.tsx';
import { relativeTime } from '../tokens/token-text.ts';

export function ProjectPage({ active }: { active: AccountRef }) {
  const [params] = useSearchParams();
  const account = { registryUrl: params.get('registry') ?? '', username: params.get('user') ?? '' };
  const name = params.get('name') ?? '';
  const detail = useProjectDetail(account, name);
  const isActive = account.registryUrl === active.registryUrl && account.username === active.username;
  return (
    <>
      <PageHeading title={name || 'Project'}>
        <p className="metric__text">
          {accountText(account)} · <Link to={paths.projects}>All projects</Link>
        </p>
      </PageHeading>
      <QueryStatus query={detail} loadingText="Loading the project…" registryUrl={account.registryUrl} />
      {detail.data ? <ProjectDetails data={detail.data} isActive={isActive} /> : null}
    </>
  );
}

type Dialog = { kind: 'policy' } | { kind: 'remove'; username: string } | null;

function ProjectDetails({ data, isActive }: { data: ProjectCompliance; isActive: boolean }) {
  const { project, account } = data;
  const setPolicy = useSetPolicy(account);
  const remove = useRemoveCollaborator(account);
  const switchAccount = useSwitchAccount();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const owner = project.role === 'owner';
  const canChange = owner && isActive;
  const now = Date.now();

  async function changePolicy(policy: ProjectCompliance['project']['policy']) {
    clear();
    try {
      await setPolicy.mutateAsync({ account, name: project.name, policy });
      setDone(policy.publishRequires2fa ? 'Publishing now requires 2FA.' : 'Publishing no longer requires 2FA.');
    } catch (error) {
      fail(error);
    } finally {
      setDialog(null);
    }
  }

  async function removeCollaborator(username: string) {
    clear();
    try {
      await remove.mutateAsync({ account, name: project.name, username });
      setDone(`Removed ${username} from ${project.name}.`);
      requestAnimationFrame(focusPageHeading);
    } catch (error) {
      fail(error);
    } finally {
      setDialog(null);
    }
  }

  return (
    <>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      <section className="card stack" aria-label="Status">
        <p>
          <span className={`status status--${data.status}`}>{statusText[data.status]}</span>{' '}
          {data.findings.length === 0 ? 'No finding: every collaborator has 2FA, publishing requires it, and the tokens are tidy.' : null}
        </p>
        {data.findings.length > 0 ? (
          <ul className="findings">
            {data.findings.map((finding, index) => (
              <li key={index}>
                <strong>{finding.severity === 'failing' ? 'Failing' : 'At risk'}:</strong> {finding.reason}
                <br />
                <span className="field__hint">Fix: {finding.fix}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="card stack" aria-label="Publishing policy">
        <h2>Publishing policy</h2>
        <p>{policyText(project.policy)}.</p>
        {canChange ? (
          project.policy.publishRequires2fa ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={setPolicy.isPending}
              onClick={() => void changePolicy({ publishRequires2fa: false, automationTokensBypass2fa: false })}
            >
              Stop requiring 2FA for publishing
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'policy' })}>
              Require 2FA for publishing
            </button>
          )
        ) : owner ? (
          <p className="field__hint">
            Changes are made as the active account.{' '}
            <button type="button" className="link-button" onClick={() => switchAccount.mutate(account)}>
              Switch to {accountText(account)}
            </button>
          </p>
        ) : (
          <p className="field__hint">Only the project's owners can change its policy or collaborators.</p>
        )}
      </section>

      <section className="card stack" aria-label="Collaborators">
        <h2>Collaborators</h2>
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Collaborators and their two-factor authentication</caption>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Added</th>
                <th scope="col">Last published</th>
                {canChange ? (
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {project.collaborators.map((person) => (
                <tr key={person.username}>
                  <th scope="row" className="mono">
                    {person.username}
                  </th>
                  <td>{person.role === 'owner' ? 'Owner' : 'Maintainer'}</td>
                  <td>
                    {person.twoFactor.enabled ? (
                      <span className="status status--compliant">On</span>
                    ) : (
                      <span className="status status--failing">Off</span>
                    )}
                  </td>
                  <td>
                    <DateTime iso={person.addedAt} />
                  </td>
                  <td>{person.lastPublishedAt ? <DateTime iso={person.lastPublishedAt} /> : 'Never'}</td>
                  {canChange ? (
                    <td>
                      {person.username === account.username ? null : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Remove ${person.username}`}
                          onClick={() => setDialog({ kind: 'remove', username: person.username })}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card stack" aria-label="Tokens that reach this project">
        <h2>Tokens that reach this project</h2>
        {project.tokens.length === 0 ? (
          <p>No active token can reach it.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Active tokens that can reach this project</caption>
              <thead>
                <tr>
                  <th scope="col">Holder</th>
                  <th scope="col">Token</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Limits</th>
                </tr>
              </thead>
              <tbody>
                {project.tokens.map((token) => (
                  <tr key={token.id}>
                    <td className="mono">{token.holder}</td>
                    <th scope="row">
                      {token.name}
                      <span className="field__hint"> · {token.permission === 'read-write' ? 'read and publish' : 'read-only'}</span>
                    </th>
                    <td>{token.allProjects ? 'All projects' : 'This project'}</td>
                    <td>
                      <time dateTime={token.expiresAt} title={token.expiresAt}>
                        {relativeTime(token.expiresAt, now)}
                      </time>
                    </td>
                    <td>
                      {token.lastUsed ? (
                        <>
                          <DateTime iso={token.lastUsed.time} /> <span className="mono field__hint">from {token.lastUsed.ip}</span>
                        </>
                      ) : (
                        'Never'
                      )}
                    </td>
                    <td>
                      {[token.bypass2fa ? 'Bypasses 2FA' : null, token.allowedCidrs.length === 0 ? 'No IP limit' : token.allowedCidrs.join(', ')]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {dialog?.kind === 'policy' ? (
        <RequireTwoFactorDialog
          data={data}
          pending={setPolicy.isPending}
          onConfirm={(automationTokensBypass2fa) => void changePolicy({ publishRequires2fa: true, automationTokensBypass2fa })}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <ConfirmRemoveDialog
          username={dialog.username}
          project={project.name}
          pending={remove.isPending}
          onConfirm={() => void removeCollaborator(dialog.username)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}

// The preview the issue asks for: exactly who would be blocked from publishing, before anything changes.
function RequireTwoFactorDialog(props: {
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

function ConfirmRemoveDialog(props: { username: string; project: string; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
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
