// Projects: every signed-in account's projects in one table, judged by the compliance rules — who can publish
// without 2FA, the policy, the write tokens that reach each project — with sort, status filter, search and export.
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useActionFailure } from '../action-failure.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { downloadFile } from '../download.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { PageHeading } from '../page-heading.tsx';
import { useCompliance } from '../projects/project-queries.ts';
import { accountText, filterRows, policyText, projectHref, sortRows, statusText, writeTokensText, type ProjectFilter, type ProjectSortKey } from '../projects/project-text.ts';
import { call } from '../queries.ts';
import { QueryStatus } from '../query-status.tsx';
import { nextSort, SortHeader } from '../sort-header.tsx';
import { countText } from '../tokens/token-text.ts';

export function ProjectsPage({ registryUrl }: { registryUrl: string }) {
  const bridge = useBridge();
  const compliance = useCompliance();
  const [filter, setFilter] = useState<ProjectFilter>({ text: '', status: 'any' });
  const [sort, setSort] = useState<{ key: ProjectSortKey; direction: 'ascending' | 'descending' }>({ key: 'status', direction: 'ascending' });
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const ids = { search: useId(), status: useId() };

  const parts = compliance.data?.accounts ?? [];
  const all = useMemo(() => parts.flatMap((part) => (part.status === 'ok' ? part.rows : [])), [parts]);
  const shown = useMemo(() => sortRows(filterRows(all, filter), sort.key, sort.direction), [all, filter, sort]);
  const counts = { failing: 0, 'at-risk': 0, compliant: 0 };
  for (const row of all) counts[row.status] += 1;

  async function exportAs(format: 'csv' | 'json') {
    clear();
    setDone('');
    try {
      const result = await call(bridge, 'projects:export', { format });
      if (result.savedBy === 'page') {
        downloadFile(result.fileName, result.mediaType, result.content);
        setDone(`Exported ${result.fileName}.`);
      } else {
        setDone(result.saved ? 'Exported.' : 'Not exported.');
      }
    } catch (error) {
      fail(error);
    }
  }

  const onSort = (key: ProjectSortKey) => setSort((current) => nextSort(current, key));

  return (
    <>
      <PageHeading title="Projects">
        <p className="metric__text">
          Every project of every signed-in account: who can publish without a second factor, whether publishing requires
          one, and the write tokens that can reach it.
        </p>
      </PageHeading>
      <QueryStatus query={compliance} loadingText="Loading projects…" registryUrl={registryUrl} />
      {parts.map((part) =>
        part.status === 'failed' ? (
          <div key={accountText(part.account)} className="stack">
            <p>
              Projects of <strong>{accountText(part.account)}</strong> could not be read:
            </p>
            <ErrorAlert error={part.error} registryUrl={part.account.registryUrl} />
          </div>
        ) : null,
      )}
      {failure ? <ErrorAlert key={failure.id} error={failure.error} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      {compliance.data ? (
        <section className="card stack" aria-label="Project compliance">
          <p className="project-counts">
            <span className="status status--failing">{counts.failing} failing</span>
            <span className="status status--at-risk">{counts['at-risk']} at risk</span>
            <span className="status status--compliant">{counts.compliant} compliant</span>
          </p>
          <div className="toolbar">
            <button type="button" className="button button--secondary" onClick={() => void exportAs('csv')} disabled={all.length === 0}>
              Export CSV
            </button>
            <button type="button" className="button button--secondary" onClick={() => void exportAs('json')} disabled={all.length === 0}>
              Export JSON
            </button>
          </div>
          <div className="filters filters--two" role="search" aria-label="Filter projects">
            <div className="field">
              <label htmlFor={ids.search}>Search</label>
              <input
                id={ids.search}
                type="search"
                placeholder="Project, account or collaborator"
                value={filter.text}
                onChange={(event) => setFilter({ ...filter, text: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.status}>Status</label>
              <select id={ids.status} value={filter.status} onChange={(event) => setFilter({ ...filter, status: event.target.value as ProjectFilter['status'] })}>
                <option value="any">Any</option>
                <option value="failing">Failing</option>
                <option value="at-risk">At risk</option>
                <option value="compliant">Compliant</option>
              </select>
            </div>
          </div>
          <p className="field__hint" aria-live="polite">
            {all.length === 0 ? 'No projects yet.' : shown.length === all.length ? `${countText(all.length, 'project')}.` : `Showing ${shown.length} of ${countText(all.length, 'project')}.`}
          </p>
          {shown.length > 0 ? (
            <div className="table-scroll">
              <table className="table project-table">
                <caption className="visually-hidden">Projects and their 2FA compliance. Column headers with buttons sort the table.</caption>
                <thead>
                  <tr>
                    <SortHeader column="name" label="Project" sort={sort} onSort={onSort} />
                    <SortHeader column="account" label="Account" sort={sort} onSort={onSort} />
                    <th scope="col">Your role</th>
                    <th scope="col">Without 2FA</th>
                    <th scope="col">Policy</th>
                    <th scope="col">Write tokens</th>
                    <SortHeader column="status" label="Status" sort={sort} onSort={onSort} />
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={`${accountText(row.account)}/${row.name}`}>
                      <th scope="row">
                        <Link to={projectHref(row)}>{row.name}</Link>
                      </th>
                      <td className="break">{accountText(row.account)}</td>
                      <td>{row.role === 'owner' ? 'Owner' : 'Maintainer'}</td>
                      <td>{row.collaboratorsWithout2fa.length === 0 ? 'Nobody' : row.collaboratorsWithout2fa.join(', ')}</td>
                      <td>{policyText(row.policy)}</td>
                      <td>{writeTokensText(row)}</td>
                      <td>
                        <span className={`status status--${row.status}`}>{statusText[row.status]}</span>
                        {row.findings.length > 0 ? (
                          <ul className="reasons">
                            {row.findings.map((finding, index) => (
                              <li key={index}>{finding.reason}</li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
