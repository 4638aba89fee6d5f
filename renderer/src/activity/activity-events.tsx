// The Activity page's log: filters, export of what they select, how many events are loaded, and the table that
// loads more as it scrolls. A failed next page is offered again with Retry, which asks for that page only.
import { useCallback, useId, useMemo, useState } from 'react';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { toIpcError } from '../bridge/ipc-call.ts';
import { deliverExport } from '../download.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { call, isSessionGone } from '../queries.ts';
import { QueryStatus } from '../query-status.tsx';
import { isFiltered, type ActivityFilters } from './activity-filters.ts';
import { ActivityFilterForm } from './activity-filter-form.tsx';
import { listLength, loadedText, pagedRows } from './activity-paging.ts';
import { useActivityList } from './activity-queries.ts';
import { activityFilter } from './activity-request.ts';
import { ActivityTable } from './activity-table.tsx';
import { GeoAttribution } from './geo-attribution.tsx';

interface ActivityEventsProps {
  account: AccountRef;
  filters: ActivityFilters;
  onFiltersChange: (filters: ActivityFilters) => void;
  onOpen: (row: ActivityRow) => void;
}

export function ActivityEvents({ account, filters, onFiltersChange, onOpen }: ActivityEventsProps) {
  const bridge = useBridge();
  const filter = useMemo(() => activityFilter(filters), [filters]);
  const list = useActivityList(account, filter);
  const rows = useMemo(() => pagedRows(list.data?.pages ?? [], (page) => page.events), [list.data]);
  const failed = list.isFetchNextPageError;
  const total = list.data?.pages[0]?.total ?? null;
  const length = useMemo(() => listLength({ loaded: rows.count, hasNextPage: list.hasNextPage, total, failed }), [rows.count, list.hasNextPage, total, failed]);
  const [exporting, setExporting] = useState(false);
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const headingId = useId();
  const { fetchNextPage } = list;
  // Stable, so the table's effect runs when the rows drawn change, not on every render; never cancels a page on
  // its way (react-query's default would start it again).
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

  // What the filters select, as a file: main saves it (Electron's save dialog) or hands it to the page to download.
  async function exportAs(format: 'csv' | 'json') {
    clear();
    setDone('');
    setExporting(true);
    try {
      setDone(deliverExport(await call(bridge, 'activity:export', { format, filter })));
    } catch (error) {
      fail(error);
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="card stack activity-events" aria-labelledby={headingId}>
      <h2 id={headingId}>Events</h2>
      <ActivityFilterForm filters={filters} onChange={onFiltersChange} />
      <div className="toolbar">
        <button type="button" className="button button--secondary" onClick={() => void exportAs('csv')} disabled={exporting}>
          Export CSV
        </button>
        <button type="button" className="button button--secondary" onClick={() => void exportAs('json')} disabled={exporting}>
          Export JSON
        </button>
        <span className="field__hint" role="status">
          {exporting ? 'Exporting…' : ''}
        </span>
      </div>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      {list.isFetchNextPageError ? null : <QueryStatus query={list} loadingText="Loading events…" registryUrl={account.registryUrl} />}
      {list.data ? (
        <>
          <p className="field__hint" aria-live="polite">
            {loadedText(length.rows, !length.known, isFiltered(filters))}
          </p>
          {rows.count > 0 ? (
            <ActivityTable
              rows={rows}
              length={length}
              hasMore={list.hasNextPage}
              loadingMore={list.isFetchingNextPage}
              failed={failed}
              onLoadMore={loadMore}
              onOpen={onOpen}
            />
          ) : null}
          {/* A counted table shows what is loading as placeholders: the line is for screen readers only then, since
              showing and hiding it at every page moved everything below and redrew the card. */}
          <p className={length.known ? 'visually-hidden' : 'loading-more'} role="status">
            {list.isFetchingNextPage ? 'Loading more…' : ''}
          </p>
          {failed && list.error && !isSessionGone(toIpcError(list.error).code) ? (
            <div className="error-panel">
              <ErrorAlert key={list.errorUpdatedAt} error={toIpcError(list.error)} registryUrl={account.registryUrl} />
              <button type="button" className="button button--secondary" onClick={loadMore} disabled={list.isFetching}>
                Retry
              </button>
            </div>
          ) : null}
          {rows.count > 0 ? <GeoAttribution /> : null}
        </>
      ) : null}
    </section>
  );
}
