import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEventTimeParser } from './event-time.ts';

test('agrees with Date.parse on toISOString text across days, months, leap days and years', () => {
  const parse = createEventTimeParser();
  for (let time = Date.UTC(2023, 11, 30, 22); time < Date.UTC(2024, 2, 2); time += 7_777_777) {
    const text = new Date(time).toISOString();
    assert.equal(parse(text), time, text);
  }
  for (const text of ['2024-02-29T23:59:59.999Z', '2024-03-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '2026-01-05T08:00:00.123Z']) {
    assert.equal(parse(text), Date.parse(text), text);
  }
});

test('a time out of order (a new day, then an earlier one) is still right', () => {
  const parse = createEventTimeParser();
  assert.equal(parse('2026-01-05T08:00:00.000Z'), Date.parse('2026-01-05T08:00:00.000Z'));
  assert.equal(parse('2026-01-04T23:00:00.000Z'), Date.parse('2026-01-04T23:00:00.000Z'));
  assert.equal(parse('2026-01-05T00:00:01.000Z'), Date.parse('2026-01-05T00:00:01.000Z'));
});

test('other ISO forms go to Date.parse; anything else is NaN', () => {
  const parse = createEventTimeParser();
  assert.equal(parse('2026-01-05T08:00:00Z'), Date.parse('2026-01-05T08:00:00Z'));
  assert.equal(parse('2026-01-05T09:00:00.000+01:00'), Date.parse('2026-01-05T08:00:00.000Z'));
  for (const bad of ['yesterday', '', '2026-01-05T25:00:00.000Z', '2026-01-05T08:6x:00.000Z', '2026-13-05T08:00:00.000Z', 'xxxx-01-05T08:00:00.000Z', undefined, null, 12, {}]) {
    assert.ok(Number.isNaN(parse(bad)), String(bad));
  }
});
