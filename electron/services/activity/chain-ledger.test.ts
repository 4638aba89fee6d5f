// The ledger's checks on crafted chains: what it names for each way a page can disagree with the chain verified.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventHash, genesisHash, type ChainedEvent } from '../../../registry/contract/event-chain.ts';
import { createChainLedger } from './chain-ledger.ts';

function chain(ids: number[], ip = '127.0.0.1'): ChainedEvent[] {
  let prevHash = genesisHash;
  return ids.map((id) => {
    const fields = { id: String(id), type: 'login.success', time: '2025-01-07T12:00:15.000Z', ip, userAgent: 'test', details: {} };
    const event = { ...fields, prevHash, hash: eventHash(prevHash, fields) };
    prevHash = event.hash;
    return event;
  });
}

const reasonOf = (problem: { reason: string; eventId: string } | null) => problem && `${problem.reason} ${problem.eventId}`;

describe('chain ledger', () => {
  const events = chain([3, 5, 8, 13]);

  test('an intact chain appends and every event of it checks out, in any order', () => {
    const ledger = createChainLedger();
    assert.deepEqual(events.map((event) => ledger.append(event)), [null, null, null, null]);
    assert.deepEqual([ledger.count, ledger.lastId, ledger.lastHash], [4, '13', events[3]!.hash]);
    assert.deepEqual([...events].reverse().map((event) => ledger.check(event)), [null, null, null, null]);
  });

  test('appending names a broken link or a changed event once, then carries on', () => {
    const ledger = createChainLedger();
    const changed = { ...events[1]!, ip: '192.0.2.1' };
    assert.deepEqual([events[0]!, changed, events[2]!].map((event) => reasonOf(ledger.append(event))), [null, 'altered 5', null]);
    assert.equal(reasonOf(ledger.append(chain([21])[0]!)), 'unlinked 21');
  });

  test('a page disagreeing with what was verified: rewritten, inserted, relinked; newer events only self-checked', () => {
    const ledger = createChainLedger();
    for (const event of events) ledger.append(event);
    // The same ids with a different history: each event verifies on its own but not as verified.
    const other = chain([3, 5, 8, 13], '192.0.2.1');
    assert.equal(reasonOf(ledger.check(other[2]!)), 'rewritten 8');
    assert.equal(reasonOf(ledger.check(chain([3, 4])[1]!)), 'inserted 4');
    // Its own hash as verified, but pointing at another event before it.
    const relinked = chain([5, 8]);
    const fake = { ...events[2]!, prevHash: relinked[0]!.hash };
    assert.equal(reasonOf(ledger.check({ ...fake, hash: eventHash(fake.prevHash, fake) })), 'rewritten 8');
    assert.equal(ledger.check(chain([3, 5, 8, 13, 21]).at(-1)!), null);
    assert.equal(reasonOf(ledger.check({ ...chain([34])[0]!, ip: 'x' })), 'altered 34');
  });

  test('grows past its first allocation and still finds every event', () => {
    const long = chain(Array.from({ length: 3000 }, (_, index) => 2 * index + 1));
    const ledger = createChainLedger();
    for (const event of long) assert.equal(ledger.append(event), null);
    assert.equal(ledger.check(long[2047]!), null);
    assert.equal(reasonOf(ledger.check(chain([2, 4])[0]!)), 'inserted 2');
  });
});
