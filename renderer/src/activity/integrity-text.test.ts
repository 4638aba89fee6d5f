import assert from 'node:assert/strict';
import { test } from 'node:test';
import { integrityProblemText } from './integrity-text.ts';

test('a tamper alert names the first bad event by number, kind and time, and says what happened to it', () => {
  const text = integrityProblemText({ eventId: '42', reason: 'altered', type: 'login.success', time: '2026-11-03T02:11:00.000Z' });
  assert.match(text, /^Event #42 \(Signed in, .*2026.*\) does not match its hash: it was changed after it was recorded\.$/);
  assert.equal(
    integrityProblemText({ eventId: '7', reason: 'removed' }),
    'Event #7, which Vigil verified earlier, is no longer in the log: the log was cut short or had events removed.',
  );
  assert.match(integrityProblemText({ eventId: '9', reason: 'rewritten', type: 'not.a.type' }), /^Event #9 is not the event Vigil verified earlier/);
});
