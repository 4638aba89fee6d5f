// Create token: the form, then the new token shown once, in one modal dialog. Escape cancels the form but not the
// shown token, which only Done dismisses. Creating runs through Confirm access when the registry asks for it.
import { useId, useState } from 'react';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, AppInfo, NewTokenRequest } from '../bridge/contract.ts';
import { toIpcError } from '../bridge/ipc-call.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { ModalDialog } from '../modal-dialog.tsx';
import { CreateTokenForm } from './create-token-form.tsx';
import { NewTokenView } from './new-token-view.tsx';
import { useCreateToken } from './token-queries.ts';

interface CreateTokenDialogProps {
  account: AccountRef;
  outlet: AppInfo['secretOutlet'];
  projects: ReadonlyArray<{ name: string; role: string }>;
  twoFactorEnabled: boolean;
  // Why the account's projects could not be listed, if they could not.
  projectsError: unknown;
  onClose: (created: string | null) => void;
}

export function CreateTokenDialog({ account, outlet, projects, twoFactorEnabled, projectsError, onClose }: CreateTokenDialogProps) {
  const create = useCreateToken(account);
  const [shown, setShown] = useState<{ token: string; name: string; projects: 'all' | string[] } | null>(null);
  const { failure, fail, clear } = useActionFailure();
  const headingId = useId();

  async function submit(request: NewTokenRequest) {
    clear();
    try {
      const { token, name, projects: scope } = await create.mutateAsync(request);
      setShown({ token, name, projects: scope });
    } catch (error) {
      fail(error);
    } finally {
      // The answer holds the token: out of the mutation cache at once.
      create.reset();
    }
  }

  return (
    // One dialog throughout, so focus stays inside it when the form gives way to the token.
    <ModalDialog labelledBy={headingId} onCancel={shown ? undefined : () => onClose(null)} wide>
      {shown ? (
        <NewTokenView headingId={headingId} {...shown} account={account} outlet={outlet} onDone={() => onClose(shown.name)} />
      ) : (
        <div className="stack">
          <h2 id={headingId}>Create token</h2>
          {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
          {projectsError ? <ErrorAlert error={toIpcError(projectsError)} registryUrl={account.registryUrl} /> : null}
          <CreateTokenForm
            projects={projects}
            twoFactorEnabled={twoFactorEnabled}
            pending={create.isPending}
            onSubmit={(request) => void submit(request)}
            onCancel={() => onClose(null)}
          />
        </div>
      )}
    </ModalDialog>
  );
}
