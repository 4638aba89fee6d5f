import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalEvent, canonicalJson, eventHash, genesisHash, verifyChain, type ChainedEvent, type ChainFields } from './event-chain.ts';

// Two events and their hashes as computed outside this code base (Python: json.dumps(sort_keys=True,
// separators=(",", ":"), ensure_ascii=False) and hashlib.sha256), the recipe the README gives.
const first: ChainFields = {
  id: '1',
  type: 'login.success',
  time: '2025-01-07T12:00:15.000Z',
  ip: '203.0.113.24',
  userAgent: 'Mozilla/5.0 "quoted" é',
  details: { method: 'totp' },
};
const second: ChainFields = {
  id: '7',
  type: 'release.published',
  time: '2025-01-07T12:05:00.123Z',
  ip: '',
  userAgent: '',
  details: { via: 'session', tokenId: null, project: 'Acme.CLI', version: '1.0.0', n: 3, ok: true },
};
const firstHash = '3980c2357523ddda5f6e0edf9147ae915f5db5cdc4709845229ee2d2033279e7';
const secondHash = '5baba41d35957382966c49947e022fca3fe920a8a594a6aa6dbfd4ab6581782b';

function chain(events: ChainFields[], previous = genesisHash): ChainedEvent[] {
  return events.map((event) => {
    const prevHash = previous;
    previous = eventHash(prevHash, event);
    return { ...event, prevHash, hash: previous };
  });
}

describe('event chain', () => {
  test('the canonical form sorts keys at every level, keeps nulls and escapes only what JSON must', () => {
    assert.equal(
      canonicalEvent(first),
      '{"details":{"method":"totp"},"id":"1","ip":"203.0.113.24","time":"2025-01-07T12:00:15.000Z","type":"login.success","userAgent":"Mozilla/5.0 \\"quoted\\" é"}',
    );
    assert.equal(
      canonicalEvent(second),
      '{"details":{"n":3,"ok":true,"project":"Acme.CLI","tokenId":null,"version":"1.0.0","via":"session"},"id":"7","ip":"","time":"2025-01-07T12:05:00.123Z","type":"release.published","userAgent":""}',
    );
    assert.equal(canonicalEvent(second), canonicalJson(second), 'the fast path is the general form');
    assert.equal(canonicalJson({ b: [1, undefined, { d: 1, c: 'x\n' }], a: undefined, A: -0 }), '{"A":0,"b":[1,null,{"c":"x\\n","d":1}]}');
  });

  test('strings are written exactly as JSON.stringify writes them, whatever they hold', () => {
    for (const text of ['plain', 'quote " and \\ backslash', 'line\nbreak\ttab\u0001\u001f', 'emoji 🔐', 'lone \ud800 surrogate', 'sep \u2028 \u2029', 'é ß 日本', '', '\u007f']) {
      assert.equal(canonicalJson(text), JSON.stringify(text), JSON.stringify(text));
      assert.equal(canonicalJson({ [text]: text }), `{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
    }
  });

  test('hashes match values computed independently, each over the previous hash', () => {
    assert.equal(eventHash(genesisHash, first), firstHash);
    assert.equal(eventHash(firstHash, second), secondHash);
    assert.deepEqual(chain([first, second]).map((event) => event.hash), [firstHash, secondHash]);
  });

  test('details read back from JSON hash as they did when written', () => {
    const details = { remaining: 7, note: undefined, reason: 'x' } as unknown as ChainFields['details'];
    const stored = JSON.parse(JSON.stringify(details)) as ChainFields['details'];
    assert.equal(eventHash(genesisHash, { ...first, details }), eventHash(genesisHash, { ...first, details: stored }));
  });

  test('verifyChain accepts an intact chain, or a later part of it from the hash before', () => {
    const events = chain([first, second, { ...first, id: '9', time: '2025-01-08T00:00:00.000Z' }]);
    assert.equal(verifyChain(events, genesisHash), null);
    assert.equal(verifyChain(events.slice(1), events[0]!.hash), null);
    assert.equal(verifyChain([], genesisHash), null);
  });

  test('verifyChain names the first event that was changed, dropped, reordered or relinked', () => {
    const events = chain([first, second, { ...first, id: '9' }, { ...second, id: '12' }]);
    const edited = (index: number, change: Partial<ChainedEvent>) => events.map((event, at) => (at === index ? { ...event, ...change } : event));

    assert.equal(verifyChain(edited(1, { ip: '198.51.100.1' }), genesisHash), '7', 'content changed, hash kept');
    assert.equal(verifyChain(edited(1, { details: { ...second.details, n: 4 } }), genesisHash), '7');
    assert.equal(verifyChain(edited(2, { time: '2025-01-07T12:00:15.001Z' }), genesisHash), '9');
    // Rewritten with a fresh hash: that event checks out alone, but the next one no longer links to it.
    const rewritten = { ...events[1]!, userAgent: 'curl/8' };
    const rehashed = edited(1, { userAgent: 'curl/8', hash: eventHash(rewritten.prevHash, rewritten) });
    assert.equal(verifyChain(rehashed, genesisHash), '9');
    assert.equal(verifyChain([events[0]!, events[2]!, events[3]!], genesisHash), '9', 'an event dropped');
    assert.equal(verifyChain([events[1]!, events[0]!], genesisHash), '7', 'out of order');
    assert.equal(verifyChain(events, firstHash), '1', 'wrong starting point');
    assert.equal(verifyChain(edited(0, { hash: firstHash.toUpperCase() }), genesisHash), '1', 'hashes are lowercase hex');
  });
});
