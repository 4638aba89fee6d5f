import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchAhead, listLength, loadedText, pagedRows, shouldFetchNextPage, type PagingState } from './activity-paging.ts';

const state = (changes: Partial<PagingState>): PagingState => ({
  lastRenderedIndex: 0,
  loaded: 100,
  hasNextPage: true,
  fetching: false,
  failed: false,
  ...changes,
});

test('the next page is fetched once the last row drawn is within 20 rows of the end', () => {
  assert.equal(fetchAhead, 20);
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 78 })), false);
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 79 })), true);
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 99 })), true);
  // A first page shorter than the distance: fetch straight away.
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 4, loaded: 5 })), true);
});

test('never twice at once, never past the end, never again by itself after a failure', () => {
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 99, fetching: true })), false);
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 99, hasNextPage: false })), false);
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 99, failed: true })), false);
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: null })), false);
});

test('rows are found across pages of any size without copying them', () => {
  const pages = [{ events: [0, 1, 2] }, { events: [] }, { events: [3] }, { events: [4, 5] }];
  const rows = pagedRows(pages, (page) => page.events);
  assert.equal(rows.count, 6);
  assert.deepEqual(
    Array.from({ length: rows.count }, (_, index) => rows.at(index)),
    [0, 1, 2, 3, 4, 5],
  );
  assert.throws(() => rows.at(6), RangeError);
  assert.throws(() => rows.at(-1), RangeError);
  assert.equal(pagedRows([], (page: { events: number[] }) => page.events).count, 0);
});

test('a thousand pages: any row in a few steps', () => {
  const pages = Array.from({ length: 1_000 }, (_, page) => Array.from({ length: 100 }, (_, index) => page * 100 + index));
  const rows = pagedRows(pages, (page) => page);
  assert.equal(rows.count, 100_000);
  for (const index of [0, 99, 100, 54_321, 99_999]) assert.equal(rows.at(index), index);
});

test('the count line says how many are loaded and whether more will come', () => {
  assert.equal(loadedText(1_000, true, false), 'Showing 1,000 events, more as you scroll.');
  assert.equal(loadedText(1, false, false), '1 event, all there are.');
  assert.equal(loadedText(42, false, true), '42 events match these filters.');
  assert.equal(loadedText(0, false, true), 'No events match these filters.');
  assert.equal(loadedText(0, false, false), 'No events yet.');
});

test('a list main counted is its full length from the first page, the rows not loaded drawn as placeholders', () => {
  const length = (loaded: number, hasNextPage: boolean, total: number | null, failed = false) => listLength({ loaded, hasNextPage, total, failed });
  assert.deepEqual(length(100, true, 12_000), { rows: 12_000, known: true });
  assert.equal(loadedText(12_000, false, false), '12,000 events, all there are.');
  // Filtered by type, time or address: not counted, the table grows a page at a time.
  assert.deepEqual(length(100, true, null), { rows: 100, known: false });
  // The last page in: exactly what was loaded, even if the count was off by events appended meanwhile.
  assert.deepEqual(length(12_003, false, 12_000), { rows: 12_003, known: true });
  assert.deepEqual(length(11_998, false, 12_000), { rows: 11_998, known: true });
  // More loaded than counted, and more still to come: the count was wrong, grow as if there were none.
  assert.deepEqual(length(12_000, true, 12_000), { rows: 12_000, known: false });
});

test('after a failed page the table ends at the last row loaded, where Retry is', () => {
  assert.deepEqual(listLength({ loaded: 300, hasNextPage: true, total: 12_000, failed: true }), { rows: 300, known: false });
});

test('placeholders beyond the rows loaded ask for the next page as a steady scroll does', () => {
  // A jump far past the rows loaded (End, the scrollbar): pages follow one after another until it is reached.
  assert.equal(shouldFetchNextPage(state({ lastRenderedIndex: 9_000, loaded: 100 })), true);
});
