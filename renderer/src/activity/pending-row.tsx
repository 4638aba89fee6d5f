// A row of the log not loaded yet, in a table that knows the log's length: as tall as the virtualizer counts it
// (the typical row's height), so the rows below do not move when the real one replaces it, and light enough to
// draw that a fling through thousands of them costs little. Assistive technology hears where it sits
// (aria-rowindex) and that it is loading.
import { memo } from 'react';

export const PendingRow = memo(function PendingRow({ index, height, columns }: { index: number; height: number; columns: number }) {
  return (
    <tr aria-rowindex={index + 2} className="activity-row--pending" style={{ height }}>
      <td colSpan={columns}>
        <span className="activity-row__pending-line" aria-hidden="true" />
        <span className="visually-hidden">Loading…</span>
      </td>
    </tr>
  );
});
