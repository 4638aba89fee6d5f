import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterRange, filtersFromSearch, isFiltered, noFilters, searchFromFilters } from './activity-filters.ts';
import { eventResult, eventTypes, eventTypeText } from './activity-text.ts';

test('filters survive a round trip through the URL', () => {
  const filters = { types: ['login.failure', 'login.success'] as const, flaggedOnly: true, since: '2026-11-01', until: '2026-11-26', ip: '203.0.113.9' };
  const search = searchFromFilters({ ...filters, types: [...filters.types] });
  assert.equal(search.toString(), 'type=login.failure&type=login.success&flagged=1&since=2026-11-01&until=2026-11-26&ip=203.0.113.9');
  assert.deepEqual(filtersFromSearch(search), { ...filters, types: [...filters.types] });
  assert.equal(searchFromFilters(noFilters).toString(), '');
  assert.equal(isFiltered(noFilters), false);
});

test('a hand-edited URL loses only what is malformed', () => {
  const read = filtersFromSearch(new URLSearchParams('type=login.failure&type=nonsense&type=login.failure&flagged=yes&since=2026-02-30&until=2026-13-01&ip=%20'));
  assert.deepEqual(read, { ...noFilters, types: ['login.failure'] });
  assert.equal(filtersFromSearch(new URLSearchParams(`ip=${'1'.repeat(65)}`)).ip, null);
});

test('days cover whole UTC days', () => {
  assert.deepEqual(filterRange({ since: '2026-11-01', until: '2026-11-30' }), { since: '2026-11-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' });
  assert.deepEqual(filterRange({ since: null, until: null }), {});
});

test('every event type has words and a result where it has one', () => {
  for (const type of eventTypes) assert.ok(eventTypeText[type].length > 0, type);
  assert.equal(eventResult('login.success'), 'success');
  assert.equal(eventResult('login.rate_limited'), 'failure');
  assert.equal(eventResult('password.changed'), null);
});
