// What the window-virtualised tables share (Projects, Activity). The page itself scrolls (no box inside a box), so
// the virtualizer counts from where the rows start on the page; spacer rows above and below the rendered ones keep
// the page's height true, hidden from assistive technology, which counts rows by aria-rowcount/aria-rowindex.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Where the table body starts on the page, checked after every render: what sits above it changes height. */
export function useRowsTop(bodyRef: RefObject<HTMLTableSectionElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const now = bodyRef.current ? Math.round(bodyRef.current.getBoundingClientRect().top + window.scrollY) : 0;
    if (now !== top) setTop(now);
  });
  return top;
}

/** The height of the rows not rendered above and below the rendered ones. */
export function spaceAround(virtualizer: Virtualizer<Window, Element>, scrollMargin: number): { above: number; below: number } {
  const items = virtualizer.getVirtualItems();
  if (items.length === 0) return { above: 0, below: 0 };
  return { above: items[0]!.start - scrollMargin, below: virtualizer.getTotalSize() - (items.at(-1)!.end - scrollMargin) };
}

export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="table__spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}
