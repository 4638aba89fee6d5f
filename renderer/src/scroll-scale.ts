// A table taller than a page can be. Chromium (so Electron) lays nothing out taller than 33,554,432 px: a million
// rows of the Activity log at about 71 px would need 71 million, and every row past the 470,000th could never be
// scrolled to. So past a height a page can hold, the rows get a box of that height, and a position in the box maps
// to a position among the rows ("virtual") that moves faster in the middle: one-to-one for two screens at either
// end (so the first and last rows sit where they would, and the rows drawn stay after the spacer above them), and
// evenly faster between, so a drag of the scrollbar reaches any row and a scroll moves the rows at one steady pace.
// Positions are of the viewport's top, relative to the top of the rows.

/** The tallest box the rows get: under Chromium's limit with room to spare for the rest of the page. */
export const maxRowsHeight = 30_000_000;

export interface ScrollScale {
  /** The rows' full height (the virtualizer's). */
  rows: number;
  /** The box's height: the rows' when a page can hold it, else maxRowsHeight. */
  box: number;
  /** The viewport's height. */
  viewport: number;
}

export function scrollScale(rows: number, viewport: number, limit = maxRowsHeight): ScrollScale {
  return { rows, box: Math.min(rows, limit), viewport };
}

// The highest viewport top in each, the width of the one-to-one ends, and the middle's slope.
function geometry({ rows, box, viewport }: ScrollScale) {
  const boxEnd = Math.max(0, box - viewport);
  const rowsEnd = Math.max(0, rows - viewport);
  const edge = Math.min(2 * viewport, boxEnd / 4);
  const slope = boxEnd - 2 * edge > 0 ? (rowsEnd - 2 * edge) / (boxEnd - 2 * edge) : 1;
  return { boxEnd, rowsEnd, edge, slope };
}

/** Where among the rows the viewport's top is, for its place in the box. */
export function toRows(position: number, scale: ScrollScale): number {
  if (scale.box >= scale.rows) return position;
  const { boxEnd, rowsEnd, edge, slope } = geometry(scale);
  if (position <= edge) return position;
  if (position >= boxEnd - edge) return position + (rowsEnd - boxEnd);
  return edge + (position - edge) * slope;
}

/** Where in the box the viewport's top goes to show the rows from `position`: toRows's inverse. */
export function toBox(position: number, scale: ScrollScale): number {
  if (scale.box >= scale.rows) return position;
  const { boxEnd, rowsEnd, edge, slope } = geometry(scale);
  if (position <= edge) return position;
  if (position >= rowsEnd - edge) return position - (rowsEnd - boxEnd);
  return edge + (position - edge) / slope;
}
