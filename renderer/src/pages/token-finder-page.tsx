// Find tokens on this computer: main scans the usual places and the folders added here, with progress and Cancel,
// and lists each token found by file and line with what to do about it. Only previews ever reach this page.
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, FoundToken } from '../bridge/contract.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { toIpcError } from '../bridge/ipc-call.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { PageHeading } from '../page-heading.tsx';
import { paths } from '../paths.ts';
import { call } from '../queries.ts';
import { countText } from '../tokens/token-text.ts';

const maxFolders = 20;
const isAbsolute = (folder: string) => folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder);

export function TokenFinderPage({ account }: { account: AccountRef }) {
  const bridge = useBridge();
  const [folders, setFolders] = useState<string[]>([]);
  const [folder, setFolder] = useState('');
  const [folderProblem, setFolderProblem] = useState('');
  const [scanId, setScanId] = useState<string | null>(null);
  const { failure, fail, clear } = useActionFailure();
  const ids = { folder: useId(), problem: useId() };

  const scan = useQuery({
    queryKey: ['token-finder', scanId],
    queryFn: () => call(bridge, 'token-finder:status', { scanId: scanId! }),
    enabled: scanId !== null,
    // Progress while it runs; nothing once it has ended.
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 250 : false),
    gcTime: 0,
  });
  const running = scanId !== null && (scan.data?.status ?? 'running') === 'running' && !scan.error;

  function addFolder(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = folder.trim();
    if (!isAbsolute(trimmed)) return setFolderProblem('Enter a full path, starting with / (or a drive letter on Windows).');
    if (folders.length >= maxFolders) return setFolderProblem(`At most ${maxFolders} folders.`);
    if (!folders.includes(trimmed)) setFolders([...folders, trimmed]);
    setFolder('');
  }

  async function start() {
    clear();
    try {
      setScanId((await call(bridge, 'token-finder:start', { folders })).scanId);
    } catch (error) {
      fail(error);
    }
  }

  async function cancel() {
    if (!scanId) return;
    try {
      await call(bridge, 'token-finder:cancel', { scanId });
      await scan.refetch();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <PageHeading title="Find tokens on this computer">
        <p className="metric__text">
          Vigil looks in <span className="mono">~/.npmrc</span>, <span className="mono">~/.pypirc</span>, <span className="mono">~/.config</span>,
          the environment and the folders you add (skipping <span className="mono">node_modules</span> and <span className="mono">.git</span>)
          for Vigil, npm and PyPI tokens. Tokens found are only shown by their first characters and never leave this computer.
        </p>
        <p>
          <Link to={paths.tokens}>Back to tokens</Link>
        </p>
      </PageHeading>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <section className="card stack" aria-label="Where to look">
        <form className="form form--inline" onSubmit={addFolder}>
          <div className="field">
            <label htmlFor={ids.folder}>Also scan this folder</label>
            <input
              id={ids.folder}
              className="mono"
              placeholder="/home/you/projects"
              value={folder}
              aria-invalid={folderProblem ? true : undefined}
              aria-describedby={folderProblem ? ids.problem : undefined}
              onChange={(event) => {
                setFolder(event.target.value);
                setFolderProblem('');
              }}
            />
            {folderProblem ? (
              <p className="field__problem" id={ids.problem}>
                {folderProblem}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--secondary" disabled={running}>
            Add folder
          </button>
        </form>
        {folders.length > 0 ? (
          <ul className="folder-list" aria-label="Added folders">
            {folders.map((added) => (
              <li key={added}>
                <span className="mono break">{added}</span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={`Remove ${added}`}
                  disabled={running}
                  onClick={() => setFolders(folders.filter((other) => other !== added))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={() => void start()} disabled={running}>
            {scanId ? 'Scan again' : 'Scan'}
          </button>
          {running ? (
            <button type="button" className="button button--secondary" onClick={() => void cancel()}>
              Cancel
            </button>
          ) : null}
          {/* The count changes four times a second: the live region says only that the scan runs, then how it ended. */}
          <span className="form__progress" role="status">
            {scanId === null ? '' : running ? 'Scanning…' : progressText(scan.data)}
          </span>
          {running ? (
            <span className="form__progress" aria-hidden="true">
              {countText(scan.data?.filesScanned ?? 0, 'file')} so far
            </span>
          ) : null}
        </div>
        {running && scan.data?.current ? <p className="field__hint mono break">{scan.data.current}</p> : null}
      </section>
      {scan.error ? <ErrorAlert key={scan.errorUpdatedAt} error={toIpcError(scan.error)} registryUrl={account.registryUrl} /> : null}
      {scan.data && scan.data.status !== 'running' ? <Findings findings={scan.data.findings} /> : null}
    </>
  );
}

function progressText(status: { status: string; filesScanned: number; findings: readonly unknown[] } | undefined): string {
  if (!status || status.status === 'running') return 'Scanning…';
  if (status.status === 'cancelled') return `Cancelled after ${countText(status.filesScanned, 'file')}.`;
  if (status.status === 'failed') return 'The scan failed. Try again.';
  return `Done: ${countText(status.filesScanned, 'file')} scanned, ${countText(status.findings.length, 'token')} found.`;
}

const kindText: Record<FoundToken['kind'], string> = { vigil: 'Vigil', npm: 'npm', pypi: 'PyPI' };

// What to do about each token found, by what its registry says of it.
function advice(finding: FoundToken): { text: string; tone: 'ok' | 'warning' | 'danger' } {
  switch (finding.state) {
    case 'active':
      return { text: 'Active. If nothing here should use it, revoke it.', tone: 'warning' };
    case 'revoked':
      return { text: 'Revoked: remove this line.', tone: 'danger' };
    case 'expired':
      return { text: 'Expired: remove this line.', tone: 'danger' };
    case 'unknown':
      return { text: 'Unknown to your account: remove this line.', tone: 'danger' };
    default:
      return { text: `Another registry's token: check it on ${kindText[finding.kind]}.`, tone: 'ok' };
  }
}

function Findings({ findings }: { findings: readonly FoundToken[] }) {
  if (findings.length === 0) return <p className="done-message">No tokens found in the places scanned.</p>;
  return (
    <section className="card stack" aria-label="Tokens found">
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Tokens found on this computer</caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Line</th>
              <th scope="col">Token</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((finding, index) => {
              const { text, tone } = advice(finding);
              return (
                <tr key={`${finding.where}:${finding.line}:${index}`}>
                  <td className="mono break">{finding.where}</td>
                  <td>{finding.line === 0 ? '—' : finding.line}</td>
                  <td>
                    {kindText[finding.kind]} <span className="mono">{finding.preview}</span>
                  </td>
                  <td>
                    <span className={`token-state token-state--${tone}`}>{text}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
