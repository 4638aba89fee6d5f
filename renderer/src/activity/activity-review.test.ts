import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityRow } from '../bridge/contract.ts';
import { markAnswered } from './activity-review.ts';

const event = (id: string, answer: ActivityRow['answer'] = null): ActivityRow => ({
  id,
  type: 'login.success',
  time: '2026-11-26T12:00:00.000Z',
  ip: '203.0.113.9',
  userAgent: 'Firefox',
  details: {},
  place: 'Documentation address',
  device: 'Firefox on Linux',
  flags: [{ kind: 'new_ip', severity: 'low', reason: 'New IP address 203.0.113.9' }],
  answer,
});

test('marks the one event answered and leaves every other page as it was', () => {
  const data = { pages: [{ events: [event('3'), event('2')], nextCursor: 'a' }, { events: [event('1')], nextCursor: null }], pageParams: [null, 'a'] };
  const next = markAnswered(data, '1', 'not-me');
  assert.equal(next.pages[0], data.pages[0], 'an untouched page is the same object, so its rows do not re-render');
  assert.deepEqual(
    next.pages[1]!.events.map((row) => row.answer),
    ['not-me'],
  );
  assert.equal(data.pages[1]!.events[0]!.answer, null, 'the cached data is not mutated');
  assert.equal(next.pageParams, data.pageParams);
});

test('an event not loaded, or already so answered, changes nothing', () => {
  const data = { pages: [{ events: [event('2', 'me')], nextCursor: null }] };
  assert.equal(markAnswered(data, '9', 'me'), data);
  assert.equal(markAnswered(data, '2', 'me'), data);
  assert.equal(markAnswered(data, '2', 'not-me').pages[0]!.events[0]!.answer, 'not-me');
});
