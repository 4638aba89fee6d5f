// The height a window table keeps for a list whose length is known, kept apart from the table so it can be unit
// tested. The virtualizer counts the rows not drawn yet at the typical height (typical-height.ts); each taller row
// drawn (a flagged event, a wrapped reason) adds what it exceeds that by to the table, and a table whose height
// changes changes the page's: the card around it (rounded, shadowed) is painted and, without a GPU, rastered again
// whole, a long frame each time, every few rows. So the height only grows, and when it must, by a margin that
// takes many more such rows; the space it leaves below the last row goes once the last row is drawn.

/** A twentieth more than the list needs: at most one growth in a few thousand rows of a typical log. */
export const reserveRatio = 0.05;

/**
 * The height to keep: what is kept already while it holds the rows (`needed`), more with a margin once it does
 * not, and exactly `needed` when the list's last row is drawn (nothing then lies below to make room for).
 */
export function reservedHeight(kept: number, needed: number, lastRowDrawn: boolean, ratio = reserveRatio): number {
  if (lastRowDrawn) return needed;
  if (needed <= kept) return kept;
  return Math.ceil(needed * (1 + ratio));
}
