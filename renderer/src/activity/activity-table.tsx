// The account's log as a table that stays fluid at any length: window-virtualised like the Projects table, so only
// the rows in view (and a few either side) are in the DOM however many pages are loaded, and the next page is asked
// for while the last rows drawn are still some way from the end. Rows are measured (reasons wrap). When the log's
// length is known (main counts the whole log and the flagged list), the table is that long from the start, rows not
// loaded yet drawn as placeholders, and aria-rowcount says it; a filtered list grows page by page, its aria-rowcount
// unknown (-1) until the last page is in.
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Fragment, memo, useEffect, useRef } from 'react';
import { formatDateTime } from '../account-text.ts';
import type { ActivityRow } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { spaceAround, SpacerRow, useHeadHeight, useReservedHeight, useRowHeights, useRowsTop, useScaledWindow } from '../window-table.tsx';
import { highestSeverity } from './activity-flag-text.ts';
import { shouldFetchNextPage, type ListLength, type PagedRows } from './activity-paging.ts';
import { addressPieces, detailsButtonName, resultText } from './activity-row-text.ts';
import { eventResult, eventTypeText } from './activity-text.ts';
import { FlagList } from './flag-list.tsx';
import { PendingRow } from './pending-row.tsx';

const columns = 7;

interface ActivityTableProps {
  rows: PagedRows<ActivityRow>;
  /** How long the table is (activity-paging.ts): past the rows loaded, placeholders. */
  length: ListLength;
  hasMore: boolean;
  loadingMore: boolean;
  /** The last page failed to load: the caller offers Retry, and scrolling does not ask again by itself. */
  failed: boolean;
  onLoadMore: () => void;
  onOpen: (row: ActivityRow) => void;
}

export function ActivityTable({ rows, length, hasMore, loadingMore, failed, onLoadMore, onOpen }: ActivityTableProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const scrollMargin = useRowsTop(bodyRef);
  const headHeight = useHeadHeight(frameRef, bodyRef);
  // Most rows at the usual width (the page's content stops at 1080 px) are two lines, about 71 px; flagged ones
  // are taller. Measured exactly, and guessed as most rows measured (window-table.tsx).
  const rowHeights = useRowHeights(71);
  // A million rows are taller than a page can be: past that, a box of the most a page holds (scroll-scale.ts).
  const scaled = useScaledWindow(scrollMargin);
  // Rows are known to the virtualizer by their place in the list (its default key), never by event: a key that
  // changed with the pages (a new getItemKey at each page, a placeholder's key turning into an event's) made it
  // place every row of the table again at each page, 12,000 of them in a counted log. The list does not reorder
  // under the table (newer events wait for the next visit), so a place keeps its row and its measured height.
  const virtualizer = useWindowVirtualizer({
    count: length.rows,
    ...rowHeights,
    // Five rows either side (about 350 px): the scroll can run ahead of the page's own drawing for a few frames
    // without showing a gap, and every row kept in the DOM is laid out and painted again whenever the rows change.
    overscan: 5,
    scrollMargin,
    ...scaled.options,
  });
  const items = virtualizer.getVirtualItems();
  // The box around the table is as tall as every row: steady while scrolling a log of known length, so the card
  // around it is not drawn again as rows taller than the typical one come in (window-table.tsx). The table itself
  // ends at the last row drawn; the box's height keeps the space of the rows below.
  const rowsHeight = scaled.box(virtualizer.getTotalSize(), useReservedHeight(virtualizer, length.known));
  const space = spaceAround(virtualizer, scrollMargin, scaled.shift(virtualizer));
  const lastRendered = items.at(-1)?.index ?? null;

  useEffect(() => {
    if (shouldFetchNextPage({ lastRenderedIndex: lastRendered, loaded: rows.count, hasNextPage: hasMore, fetching: loadingMore, failed })) onLoadMore();
  }, [lastRendered, rows.count, hasMore, loadingMore, failed, onLoadMore]);

  return (
    <div ref={frameRef} className="table-scroll activity-table__frame" style={{ height: headHeight + rowsHeight }}>
      <table className="table activity-table" aria-rowcount={length.known ? length.rows + 1 : -1}>
        <caption className="visually-hidden">Account activity, newest first. Each time opens the event's details.</caption>
        {/* The column widths (activity.css): fixed, so a row scrolled in never moves the others. */}
        <colgroup>
          <col className="activity-table__col--time" />
          <col className="activity-table__col--event" />
          <col className="activity-table__col--result" />
          <col className="activity-table__col--ip" />
          <col className="activity-table__col--place" />
          <col />
          <col className="activity-table__col--flags" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Result</th>
            <th scope="col">IP address</th>
            <th scope="col">Place</th>
            <th scope="col">Device</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          <SpacerRow height={space.above} columns={columns} />
          {items.map((item) =>
            item.index < rows.count ? (
              <EventRow key={rows.at(item.index).id} row={rows.at(item.index)} index={item.index} measure={virtualizer.measureElement} onOpen={onOpen} />
            ) : (
              // Not measured: its height is the virtualizer's guess, which is what it is drawn at.
              <PendingRow key={`pending-${item.index}`} index={item.index} height={item.size} columns={columns} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

interface EventRowProps {
  row: ActivityRow;
  index: number;
  measure: (element: HTMLTableRowElement | null) => void;
  onOpen: (row: ActivityRow) => void;
}

// Memoised: the table renders on every scroll step, but a row already drawn has nothing new to draw (its props are
// the same objects until its page changes), and formatting times and flags for every row each frame adds up.
const EventRow = memo(function EventRow({ row, index, measure, onOpen }: EventRowProps) {
  const severity = highestSeverity(row.flags);
  const result = eventResult(row.type);
  return (
    <tr data-index={index} ref={measure} aria-rowindex={index + 2} className={severity ? `activity-row--${severity}` : undefined}>
      <th scope="row">
        <button
          type="button"
          className="link-button activity-table__open"
          aria-label={detailsButtonName(row, formatDateTime(row.time) ?? row.time)}
          onClick={() => onOpen(row)}
        >
          <DateTime iso={row.time} />
        </button>
      </th>
      <td>{eventTypeText[row.type]}</td>
      <td>{result === null ? <NoValue /> : <span className={`result result--${result}`}>{resultText(row)}</span>}</td>
      <IpAddressCell ip={row.ip} />
      <td>{row.place}</td>
      <td>{row.device}</td>
      <td>
        {row.flags.length > 0 ? <FlagList flags={row.flags} /> : <NoValue />}
        {row.answer ? (
          <span className={`reviewed-note reviewed-note--${row.answer}`}>{row.answer === 'me' ? 'You said this was you' : 'You said this was not you'}</span>
        ) : null}
      </td>
    </tr>
  );
});

// An IPv6 address may break after its colons (a fixed column has no room for all 39 characters); the break
// opportunities are not text, so the address reads and copies as written.
function IpAddressCell({ ip }: { ip: string }) {
  const pieces = addressPieces(ip);
  if (pieces.length === 1) return <td className="mono activity-table__ip">{ip}</td>;
  return (
    <td className="mono activity-table__ip activity-table__ip--v6">
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </td>
  );
}

// An empty cell read as "none" rather than a dash or silence.
function NoValue() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">None</span>
    </>
  );
}
