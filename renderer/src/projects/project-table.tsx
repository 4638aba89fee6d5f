// The Projects table, virtualised: an estate of hundreds of projects keeps only the rows in view (and a few either
// side) in the DOM, so sorting, filtering and scrolling stay smooth. The page itself scrolls (no box inside a box).
// Rows differ in height (a project's reasons wrap), so each rendered row is measured; spacer rows above and below
// keep the page's height true, and aria-rowcount/aria-rowindex tell assistive technology where a row sits.
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Link } from 'react-router';
import type { ComplianceRow } from '../bridge/contract.ts';
import { SortHeader, type SortDirection } from '../sort-header.tsx';
import { spaceAround, SpacerRow, useRowsTop } from '../window-table.tsx';
import { accountText, policyText, projectHref, statusText, writeTokensText, type ProjectSortKey } from './project-text.ts';

const columns = 7;
// A row shows its first reasons (failing ones come first); the project's page lists them all with their fixes, so
// a table of hundreds of projects stays scannable.
const reasonsShown = 2;

export function ProjectTable(props: {
  rows: readonly ComplianceRow[];
  sort: { key: ProjectSortKey; direction: SortDirection };
  onSort: (key: ProjectSortKey) => void;
}) {
  const { rows, sort, onSort } = props;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // Where the rows start on the page, which the virtualizer counts from.
  const scrollMargin = useRowsTop(bodyRef);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    getItemKey: (index) => rowKey(rows[index]!),
    // A row with one reason; taller ones are measured once rendered.
    estimateSize: () => 64,
    overscan: 8,
    scrollMargin,
  });
  const items = virtualizer.getVirtualItems();
  const space = spaceAround(virtualizer, scrollMargin);

  return (
    <div className="table-scroll">
      <table className="table project-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">Projects and their 2FA compliance. Column headers with buttons sort the table.</caption>
        <thead>
          <tr aria-rowindex={1}>
            <SortHeader column="name" label="Project" sort={sort} onSort={onSort} />
            <SortHeader column="account" label="Account" sort={sort} onSort={onSort} />
            <th scope="col">Your role</th>
            <th scope="col">Without 2FA</th>
            <th scope="col">Policy</th>
            <th scope="col">Write tokens</th>
            <SortHeader column="status" label="Status" sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          <SpacerRow height={space.above} columns={columns} />
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                <th scope="row">
                  <Link to={projectHref(row)}>{row.name}</Link>
                </th>
                <td>
                  {row.account.username}
                  <span className="project-table__registry"> on {row.account.registryUrl}</span>
                </td>
                <td>{row.role === 'owner' ? 'Owner' : 'Maintainer'}</td>
                <td>{row.collaboratorsWithout2fa.length === 0 ? 'Nobody' : row.collaboratorsWithout2fa.join(', ')}</td>
                <td>{policyText(row.policy)}</td>
                <td>{writeTokensText(row)}</td>
                <td>
                  <span className={`status status--${row.status}`}>{statusText[row.status]}</span>
                  {row.findings.length > 0 ? (
                    <ul className="reasons">
                      {row.findings.slice(0, reasonsShown).map((finding, index) => (
                        <li key={index}>{finding.reason}</li>
                      ))}
                      {row.findings.length > reasonsShown ? <li className="reasons__more">and {row.findings.length - reasonsShown} more on its page</li> : null}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
          <SpacerRow height={space.below} columns={columns} />
        </tbody>
      </table>
    </div>
  );
}

const rowKey = (row: ComplianceRow) => `${accountText(row.account)}/${row.name}`;
