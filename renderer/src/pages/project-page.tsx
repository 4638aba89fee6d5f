// One project: its findings with their fixes, its collaborators with their 2FA state, and every token that can
// reach it. An owner, signed in as the active account, can require 2FA for publishing — after seeing exactly who
// would be blocked — and remove a collaborator, both through Confirm access.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, ProjectCompliance } from '../bridge/contract.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { focusPageHeading, PageHeading } from '../page-heading.tsx';
import { paths } from '../paths.ts';
import { ConfirmRemoveDialog, RequireTwoFactorDialog } from '../projects/project-dialogs.tsx';
import { CollaboratorTable, ReachingTokenTable } from '../projects/project-people.tsx';
import { useProjectDetail, useRemoveCollaborator, useSetPolicy } from '../projects/project-queries.ts';
import { accountText, policyText, statusText } from '../projects/project-text.ts';
import { useSwitchAccount } from '../queries.ts';
import { QueryStatus } from '../query-status.tsx';

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

      <CollaboratorTable
        collaborators={project.collaborators}
        removable={canChange ? (username) => username !== account.username : null}
        onRemove={(username) => setDialog({ kind: 'remove', username })}
      />
      <ReachingTokenTable tokens={project.tokens} />

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
