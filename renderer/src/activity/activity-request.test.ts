import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noFilters, toggleType } from './activity-filters.ts';
import { activityFilter } from './activity-request.ts';

test('no filters ask for the whole log', () => {
  assert.deepEqual(activityFilter(noFilters), {});
});

test('only what is set is sent, days as the time range they cover', () => {
  assert.deepEqual(
    activityFilter({ types: ['login.failure'], flaggedOnly: true, since: '2026-11-01', until: '2026-11-30', ip: '203.0.113.9' }),
    { types: ['login.failure'], flaggedOnly: true, since: '2026-11-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z', ip: '203.0.113.9' },
  );
  assert.deepEqual(activityFilter({ ...noFilters, until: '2026-11-30' }), { until: '2026-12-01T00:00:00.000Z' });
});

test('types chosen in any order are kept in the list order', () => {
  let types = toggleType([], 'token.created', true);
  types = toggleType(types, 'login.success', true);
  types = toggleType(types, 'login.success', true);
  assert.deepEqual(types, ['login.success', 'token.created']);
  assert.deepEqual(toggleType(types, 'token.created', false), ['login.success']);
});
