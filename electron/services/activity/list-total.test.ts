import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectsWholeLog, wholeLogTotal } from './list-total.ts';

const hash = '0'.repeat(64);

test('only the unfiltered list is counted from the head', () => {
  assert.equal(selectsWholeLog({}), true);
  assert.equal(selectsWholeLog({ types: [] }), true);
  assert.equal(selectsWholeLog({ types: ['login.success'] }), false);
  assert.equal(selectsWholeLog({ flaggedOnly: true }), false);
  assert.equal(selectsWholeLog({ since: '2025-01-01T00:00:00.000Z' }), false);
  assert.equal(selectsWholeLog({ until: '2025-01-01T00:00:00.000Z' }), false);
  assert.equal(selectsWholeLog({ ip: '127.0.0.1' }), false);
});

test('the log holds the head’s events and any appended before the first page was read', () => {
  assert.equal(wholeLogTotal({ count: 12_000, lastId: '12000', hash }, [{ id: '12000' }, { id: '11999' }]), 12_000);
  assert.equal(wholeLogTotal({ count: 12_000, lastId: '12000', hash }, [{ id: '12002' }, { id: '12001' }, { id: '12000' }]), 12_002);
  // Ids are the registry's, shared by every account: only their order counts.
  assert.equal(wholeLogTotal({ count: 3, lastId: '907', hash }, [{ id: '1001' }, { id: '907' }, { id: '12' }]), 4);
  assert.equal(wholeLogTotal({ count: 0, lastId: null, hash }, []), 0);
  assert.equal(wholeLogTotal({ count: 0, lastId: null, hash }, [{ id: '5' }]), 1);
});
