// The Activity table loads the log a page at a time as it scrolls: the next page is asked for while the last
// rows drawn are still some way from the end, so a steady scroll rarely meets the bottom. Rows are read through
// the pages as they arrived rather than copied into one array, which at a million events would copy the whole
// log again for every page fetched. When main knows how many events the list holds (its first page says), the
// table is that tall from the start and rows not loaded yet are placeholders: its height then does not change as
// pages arrive, which on a machine without a GPU redrew the whole card around the table at every page.

/** How close (in rows) the last row drawn may come to the last row loaded before the next page is fetched. */
export const fetchAhead = 20;

export interface PagingState {
  /** The index of the last row the table drew, or null when it drew none. */
  lastRenderedIndex: number | null;
  loaded: number;
  hasNextPage: boolean;
  /** A page is on its way. */
  fetching: boolean;
  /** The last page failed: wait for Retry rather than asking again on every scroll (and every render). */
  failed: boolean;
}

export function shouldFetchNextPage(state: PagingState, ahead = fetchAhead): boolean {
  if (!state.hasNextPage || state.fetching || state.failed || state.lastRenderedIndex === null) return false;
  return state.lastRenderedIndex >= state.loaded - 1 - ahead;
}

export interface PagedRows<T> {
  count: number;
  at(index: number): T;
}

/** The rows of every page as one list, found by binary search over where each page starts. */
export function pagedRows<P, T>(pages: readonly P[], rowsOf: (page: P) => readonly T[]): PagedRows<T> {
  const starts: number[] = [];
  let count = 0;
  for (const page of pages) {
    starts.push(count);
    count += rowsOf(page).length;
  }
  return {
    count,
    at(index) {
      if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`row ${index} of ${count}`);
      let low = 0;
      let high = starts.length - 1;
      // The last page starting at or before index (an empty page shares its start with the next one).
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (starts[middle]! <= index) low = middle;
        else high = middle - 1;
      }
      return rowsOf(pages[low]!)[index - starts[low]!]!;
    },
  };
}

export interface ListLength {
  /** The rows the table is tall for: loaded ones, then placeholders for the rest when the length is known. */
  rows: number;
  /** The list's length is known (all of it loaded, or counted by main), not just how many are loaded so far. */
  known: boolean;
}

/**
 * How long the table is. A total that the rows loaded already reach or pass (events appended while it was
 * counted) is not trusted, and neither is one after a page failed: the table then ends at the last row loaded, so
 * the failure and Retry sit right under it rather than below thousands of placeholders that would never fill.
 */
export function listLength(state: { loaded: number; hasNextPage: boolean; total: number | null; failed: boolean }): ListLength {
  if (!state.hasNextPage) return { rows: state.loaded, known: true };
  if (state.total !== null && state.total > state.loaded && !state.failed) return { rows: state.total, known: true };
  return { rows: state.loaded, known: false };
}

const number = new Intl.NumberFormat('en');
const events = (count: number) => `${number.format(count)} ${count === 1 ? 'event' : 'events'}`;

/**
 * The count line under the filters, announced politely as pages arrive: `loaded` is the list's length and
 * `hasMore` false when that is known (listLength), so a counted list says its length once and stays quiet.
 */
export function loadedText(loaded: number, hasMore: boolean, filtered: boolean): string {
  if (loaded === 0) return filtered ? 'No events match these filters.' : 'No events yet.';
  if (hasMore) return `Showing ${events(loaded)}, more as you scroll.`;
  return filtered ? `${events(loaded)} match these filters.` : `${events(loaded)}, all there are.`;
}
