// Projects: every signed-in account's projects in one table, judged by the compliance rules — who can publish
// without 2FA, the policy, the write tokens that reach each project — with sort, status filter, search and export.
import { useId, useMemo, useState } from 'react';
import { useActionFailure } from '../action-failure.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { deliverExport } from '../download.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { PageHeading } from '../page-heading.tsx';
import { useCompliance } from '../projects/project-queries.ts';
import { ProjectTable } from '../projects/project-table.tsx';
import { accountText, filterRows, sortRows, type ProjectFilter, type ProjectSortKey } from '../projects/project-text.ts';
import { call } from '../queries.ts';
import { QueryStatus } from '../query-status.tsx';
import { nextSort } from '../sort-header.tsx';
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
      setDone(deliverExport(await call(bridge, 'projects:export', { format })));
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
          {shown.length > 0 ? <ProjectTable rows={shown} sort={sort} onSort={onSort} /> : null}
        </section>
      ) : null}
    </>
  );
}
