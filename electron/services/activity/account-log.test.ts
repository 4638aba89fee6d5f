// The first read of a log as account-log.ts does it: chain lines as the registry's export writes them, hashed by the
// real hasher's workers while the links are checked in the ledger, and the first bad event in chain order named,
// whichever side found it. The lines are served from memory (the whole path over HTTP, against a registry whose
// database was edited, is electron/ipc/activity-integrity.test.ts).
import assert from 'node:assert/strict';
import { hash as digest } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { chainLine, eventHash, genesisHash } from '../../../registry/contract/event-chain.ts';
import type { AuditEvent } from '../../../registry/contract/schemas.ts';
import { chainLineEvent } from '../chain-export-reader.ts';
import { createAccountLog, type LogSource, type RememberedHead } from './account-log.ts';
import { createActivityAnalyzer } from './activity-analyzer.ts';
import { sharedGeolocator, type Geolocator } from './geolocation.ts';

let geolocator: Geolocator;
before(async () => {
  geolocator = await sharedGeolocator();
});

function chain(count: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let previous = genesisHash;
  for (let id = 1; id <= count; id += 1) {
    const fields = { id: String(id), type: 'session.ended' as const, time: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(), ip: '', userAgent: '', details: { reason: 'sign_out' } };
    const hash = eventHash(previous, fields);
    events.push({ ...fields, prevHash: previous, hash });
    previous = hash;
  }
  return events;
}

/** A source serving `lines` as the chain export, in chunks of a few lines. */
function sourceOf(lines: readonly string[]): LogSource {
  return {
    head: async () => ({ count: lines.length, lastId: String(lines.length), hash: lines.at(-1)!.slice(-64) }),
    async streamChain(sink) {
      for (let at = 0; at < lines.length; at += 7) {
        const run = lines.slice(at, at + 7);
        await sink.lines(new Uint8Array(Buffer.from(run.map((line) => `${line}\n`).join(''))));
        for (const line of run) {
          const { event, canonical } = chainLineEvent(line);
          sink.event(event, canonical);
        }
      }
    },
    newerThan: async () => [],
  };
}

// Without its line feed: the source joins lines as the export does.
const lineOf = (event: AuditEvent) => chainLine(event).slice(0, -1);

async function firstRead(lines: readonly string[]) {
  let remembered: RememberedHead | undefined;
  const log = createAccountLog({
    analyzer: createActivityAnalyzer({ geolocator }),
    source: sourceOf(lines),
    memory: { read: async () => remembered, write: async (head) => void (remembered = head) },
    now: () => Date.UTC(2026, 0, 2),
  });
  await log.catchUp();
  return { integrity: log.integrity(), remembered };
}

describe('the first read of a log', () => {
  test('a whole chain checks out and its head is remembered', async () => {
    const events = chain(50);
    const { integrity, remembered } = await firstRead(events.map(lineOf));
    assert.deepEqual([integrity.state, integrity.verified, integrity.problem], ['checked', 50, null]);
    assert.deepEqual([remembered?.lastId, remembered?.hash], ['50', events[49]!.hash]);
  });

  test('an event changed in place before a link broken later: the changed one is named', async () => {
    const lines = chain(50).map(lineOf);
    lines[11] = lines[11]!.replace('sign_out', 'expired');
    lines.splice(30, 1);
    const { integrity, remembered } = await firstRead(lines);
    assert.deepEqual(integrity.problem, { eventId: '12', reason: 'altered', type: 'session.ended', time: '2026-01-01T00:12:00.000Z' });
    assert.equal(remembered, undefined, 'a broken log is not remembered as verified');
  });

  test('a link broken before an event changed in place: the unlinked one is named', async () => {
    const lines = chain(50).map(lineOf);
    lines.splice(10, 1);
    lines[30] = lines[30]!.replace('sign_out', 'expired');
    assert.deepEqual((await firstRead(lines)).integrity.problem, { eventId: '12', reason: 'unlinked', type: 'session.ended', time: '2026-01-01T00:12:00.000Z' });
  });

  test('a line hashed as written but not in canonical form is named as altered', async () => {
    const events = chain(20);
    const lines = events.map(lineOf);
    const { id, type, time, ip, userAgent, details, prevHash } = events[5]!;
    const text = JSON.stringify({ type, id, time, ip, userAgent, details });
    // Its hash is of its text as written: the workers find nothing wrong with the line.
    lines[5] = `${prevHash}${text}\t${digest('sha256', prevHash + text, 'hex')}`;
    assert.deepEqual((await firstRead(lines)).integrity.problem, { eventId: '6', reason: 'altered', type: 'session.ended', time: events[5]!.time });
  });
});
