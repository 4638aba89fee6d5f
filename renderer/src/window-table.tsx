// What the window-virtualised tables share (Projects, Activity). The page itself scrolls (no box inside a box), so
// the virtualizer counts from where the rows start on the page; spacer rows, hidden from assistive technology (which
// counts rows by aria-rowcount/aria-rowindex), stand for the rows not rendered: above and below them in the Projects
// table, above them in the Activity table, whose height a box around it keeps (useReservedHeight), and for a list
// taller than a page can be, a box of the most a page holds (useScaledWindow).
import { measureElement, observeWindowOffset, windowScroll, type Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { reservedHeight } from './reserved-height.ts';
import { maxRowsHeight, scrollScale, toBox, toRows } from './scroll-scale.ts';
import { createTypicalHeight } from './typical-height.ts';

/** Where the table body starts on the page, checked after every render: what sits above it changes height. */
export function useRowsTop(bodyRef: RefObject<HTMLTableSectionElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const now = bodyRef.current ? Math.round(bodyRef.current.getBoundingClientRect().top + window.scrollY) : 0;
    if (now !== top) setTop(now);
  });
  return top;
}

/**
 * How far below the top of the box around a table its rows start (the table's head), checked after every render
 * (read in the same layout as useRowsTop's, so it costs no layout of its own).
 */
export function useHeadHeight(frameRef: RefObject<HTMLElement | null>, bodyRef: RefObject<HTMLTableSectionElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    if (!frameRef.current || !bodyRef.current) return;
    const now = bodyRef.current.getBoundingClientRect().top - frameRef.current.getBoundingClientRect().top;
    if (now !== height) setHeight(now);
  });
  return height;
}

/**
 * A rendered row's height as laid out, fractions of a pixel kept (the virtualizer's own measure rounds). Rows are
 * seldom whole pixels tall (two lines of 0.95rem text), so a spacer summing rounded heights drifted from the rows
 * it replaced: each scroll step moved every rendered row by a fraction of a pixel, and Chromium painted and rastered
 * the whole table again every frame instead of only the rows that came in.
 */
export function measureRow(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<Window, Element>): number {
  const box = entry?.borderBoxSize[0];
  // Before its first observation a row is measured as the virtualizer does; the observation follows, exact.
  return box ? box.blockSize : measureElement(element, entry, instance);
}

export interface RowHeights {
  estimateSize: (index: number) => number;
  measureElement: (element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<Window, Element>) => number;
}

/**
 * The virtualizer's guess for a row not yet drawn and its measure of one drawn, to spread into its options: rows
 * are measured exactly (measureRow), and the guess is the height most rows drawn lately measured (typical-height.ts),
 * `initial` until one has been.
 */
export function useRowHeights(initial: number): RowHeights {
  const [heights] = useState((): RowHeights => {
    const typical = createTypicalHeight(initial);
    return {
      estimateSize: () => typical.value,
      measureElement: (element, entry, instance) => {
        const height = measureRow(element, entry, instance);
        // Only what the observer reports is exact (the first measure may be whole pixels).
        if (entry) typical.record(height);
        return height;
      },
    };
  });
  return heights;
}

/**
 * The rows' height for a list whose length is known, kept steady while scrolling (reserved-height.ts): the
 * virtualizer's total once it exceeds what is kept, with a margin. A list still growing page by page is as tall as
 * its rows. Given to a box around the table rather than to a spacer row in it: the table's own height changes for a
 * frame whenever a row drawn is taller or shorter than guessed (it is measured only once laid out), and a box of a
 * set height keeps that from the page.
 */
export function useReservedHeight(virtualizer: Virtualizer<Window, Element>, lengthKnown: boolean): number {
  const [kept, setKept] = useState(0);
  const needed = virtualizer.getTotalSize();
  if (!lengthKnown) return needed;
  const lastRowDrawn = virtualizer.getVirtualItems().at(-1)?.index === virtualizer.options.count - 1;
  const height = reservedHeight(kept, needed, lastRowDrawn);
  // Kept for the next render (React renders this one again at once, before anything is drawn).
  if (height !== kept) setKept(height);
  return height;
}

type WindowOffsetOptions = Pick<VirtualizerOptions<Window, Element>, 'observeElementOffset' | 'scrollToFn'>;

/**
 * Rows taller than a page can be (scroll-scale.ts): the virtualizer reads and sets the window's offset as a place
 * among the rows, and the rows get a box no taller than a page holds. `box(rows, reserved)` keeps the scale of the
 * rows' own height for the offsets (never the room reserved below them, which would map part of the box past the
 * last row) and gives the box's height: what is reserved, at most what a page holds. `shift` is how far the rows
 * drawn sit above where the virtualizer puts them (none while the rows fit).
 */
export function useScaledWindow(scrollMargin: number) {
  const state = useRef({ scale: scrollScale(0, 0), margin: 0 });
  state.current.margin = scrollMargin;
  const [options] = useState((): WindowOffsetOptions => {
    const inRows = (offset: number) => {
      const { scale, margin } = state.current;
      return offset <= margin ? offset : margin + toRows(offset - margin, scale);
    };
    const inBox = (offset: number) => {
      const { scale, margin } = state.current;
      return offset <= margin ? offset : margin + toBox(offset - margin, scale);
    };
    return {
      observeElementOffset: (instance, onOffset) => observeWindowOffset(instance, (offset, scrolling) => onOffset(inRows(offset), scrolling)),
      scrollToFn: (offset, { adjustments = 0, behavior }, instance) => windowScroll(inBox(offset + adjustments), { behavior }, instance),
    };
  });
  return {
    options,
    box(rows: number, reserved: number): number {
      state.current.scale = scrollScale(rows, window.innerHeight);
      return Math.min(reserved, maxRowsHeight);
    },
    shift(virtualizer: Virtualizer<Window, Element>): number {
      const position = Math.max(0, (virtualizer.scrollOffset ?? 0) - scrollMargin);
      return position - toBox(position, state.current.scale);
    },
  };
}

/** The height of the rows not rendered above and below the rendered ones, the rows drawn `shift` higher (useScaledWindow). */
export function spaceAround(virtualizer: Virtualizer<Window, Element>, scrollMargin: number, shift = 0): { above: number; below: number } {
  const items = virtualizer.getVirtualItems();
  if (items.length === 0) return { above: 0, below: 0 };
  return { above: items[0]!.start - scrollMargin - shift, below: virtualizer.getTotalSize() - (items.at(-1)!.end - scrollMargin - shift) };
}

export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="table__spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}
