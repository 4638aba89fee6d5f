import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { hash as digest } from 'node:crypto';
import { canonicalEvent, genesisHash, verifyChain } from '../contract/event-chain.ts';
import { eventCsvColumns } from '../contract/event-schemas.ts';
import { routes } from '../contract/routes.ts';
import { AuditEvent } from '../contract/schemas.ts';
import { seedAccountHistory } from '../seed/account-history.ts';
import { csvCell } from '../contract/csv-cell.ts';
import { eventExportStream, exportChunkBytes } from './event-export.ts';
import { signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const day = 24 * 3600_000;

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  assert.equal(cell + row.join(''), '', 'the last row ends with CRLF');
  return rows;
}

describe('GET /api/v1/account/events/export', () => {
  let harness: TestRegistry;
  let token: string;
  let accountId: number;

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('ivo', 'ivo-password', false);
    harness.withStore((store) => seedAccountHistory(store, 'ivo', { events: 3_000, seed: 11, until: harness.clock.now }));
    // Values a spreadsheet would run as formulas, and a user agent with a comma, a quote and a line break.
    accountId = harness.withStore((store) => {
      const id = store.accounts.findByUsername('ivo')!.id;
      for (const [time, userAgent] of [
        [1, '=HYPERLINK("http://x.example","click")'],
        [2, '+1+2'],
        [3, '-2+3'],
        [4, '@SUM(A1:A2)'],
        [5, '\tcmd'],
        [6, '\r=1'],
        [7, 'a, "b"\nc'],
      ] as const) {
        store.events.append({ accountId: id, type: 'login.failure', time: harness.clock.now - day + time, ip: '192.0.2.50', userAgent, details: { reason: 'invalid_password' } });
      }
      return id;
    });
    token = await signIn(harness, { username: 'ivo', password: 'ivo-password' });
  });
  after(() => harness.stop());

  const exportOf = (query: string) => harness.request('GET', `${routes.exportEvents.path}?${query}`, { token, headers: {} });

  // The test harness parses JSON bodies; exports are read raw.
  function download(query: string, options: { pauseEveryChunkMs?: number } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${routes.exportEvents.path}?${query}`, harness.registry.url);
      http
        .get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (options.pauseEveryChunkMs) {
              response.pause();
              setTimeout(() => response.resume(), options.pauseEveryChunkMs);
            }
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        })
        .on('error', reject);
    });
  }

  async function pages(query: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const response = await harness.request('GET', `${routes.listEvents.path}?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      events.push(...response.json.events);
      cursor = response.json.nextCursor;
    } while (cursor !== null);
    return events;
  }

  const ndjson = (text: string) =>
    text
      .split('\n')
      .filter((line, index, lines) => line !== '' || index !== lines.length - 1)
      .map((line) => AuditEvent.parse(JSON.parse(line)));

  test('NDJSON: the whole log, one event per line as pages show it, newest first, named as a file', async () => {
    const response = await download('format=ndjson');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/x-ndjson; charset=utf-8');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="ivo-events-2025-01-07\.ndjson"$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const events = await pages('');
    assert.deepEqual(ndjson(response.text), events);
    assert.equal(response.text, events.map((event) => `${JSON.stringify(event)}\n`).join(''), 'to the byte');
  });

  test('order=chain gives the events as appended, a chain that verifies from 64 zeros', async () => {
    const events = ndjson((await download('format=ndjson&order=chain')).text);
    assert.deepEqual(events.map((event) => Number(event.id)), events.map((event) => Number(event.id)).sort((a, b) => a - b));
    assert.equal(events.length, 3_008);
    assert.equal(verifyChain(events, genesisHash), null);
  });

  test('chain lines: each holds exactly what its hash covers, so hashing its bytes up to the tab verifies the log', async () => {
    const response = await download('format=chain');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(String(response.headers['content-disposition']), /filename="ivo-events-2025-01-07\.chain\.txt"/);
    const lines = response.text.split('\n');
    assert.equal(lines.pop(), '', 'every line ends with a line feed');
    const events = (await pages('')).sort((a, b) => Number(a.id) - Number(b.id));
    assert.equal(lines.length, events.length);
    let previous = genesisHash;
    lines.forEach((line, index) => {
      const event = events[index]!;
      const [hashed, hash, ...rest] = line.split('\t');
      assert.deepEqual(rest, [], 'one tab: JSON escapes any tab in the event');
      assert.equal(hashed, `${previous}${canonicalEvent(event)}`, `event ${event.id}`);
      assert.equal(hash, event.hash);
      assert.equal(digest('sha256', Buffer.from(hashed!, 'utf8'), 'hex'), hash);
      previous = hash!;
    });
    // The user agents written to look like formulas, with a comma, quotes and a line break, are JSON-escaped.
    assert.ok(lines.some((line) => line.includes('"userAgent":"a, \\"b\\"\\nc"')));
  });

  test('the filters select what they select in pages', async () => {
    const newest = harness.clock.now;
    const query = `type=login.failure&type=login.rate_limited&since=${new Date(newest - 60 * day).toISOString()}&until=${new Date(newest - day + 5).toISOString()}`;
    const expected = await pages(query);
    assert.ok(expected.length > 5);
    assert.deepEqual(ndjson((await download(`format=ndjson&${query}`)).text), expected);
    const byAddress = await pages('ip=192.0.2.50');
    assert.equal(byAddress.length, 7);
    assert.deepEqual(ndjson((await download('format=ndjson&ip=192.0.2.50')).text), byAddress);
    const csv = parseCsv((await download(`format=csv&${query}`)).text);
    assert.deepEqual(csv.slice(1).map((row) => row[0]), expected.map((event) => event.id));
  });

  test('CSV: a header row, RFC 4180 quoting, details as JSON, and no cell a spreadsheet would run', async () => {
    const response = await download('format=csv');
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8; header=present');
    assert.match(String(response.headers['content-disposition']), /filename="ivo-events-2025-01-07\.csv"/);
    const [header, ...rows] = parseCsv(response.text);
    assert.deepEqual(header, [...eventCsvColumns]);
    const events = await pages('');
    assert.equal(rows.length, events.length);
    rows.forEach((row, index) => {
      const event = events[index]!;
      const guard = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
      assert.deepEqual(row, [event.id, event.time, event.type, event.ip, guard(event.userAgent), JSON.stringify(event.details), event.prevHash, event.hash]);
    });
    const agents = rows.filter((row) => row[3] === '192.0.2.50').map((row) => row[4]).reverse();
    assert.deepEqual(agents, ["'=HYPERLINK(\"http://x.example\",\"click\")", "'+1+2", "'-2+3", "'@SUM(A1:A2)", "'\tcmd", "'\r=1", 'a, "b"\nc']);
    for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });

  test('read slowly, the export arrives whole', async () => {
    const slow = await download('format=ndjson&order=chain', { pauseEveryChunkMs: 5 });
    assert.equal(ndjson(slow.text).length, 3_008);
  });

  // The export's stream itself (the route hands it to Fastify, which pipes it to the socket and destroys it when the
  // client goes away): loopback sockets buffer megabytes, so a paused HTTP client cannot show what the stream holds.
  const exportStream = (order: 'newest' | 'chain' = 'newest') =>
    eventExportStream(harness.withStore((store) => store.openReader()), { accountId, filter: {}, order, format: 'ndjson' });
  const nextChunk = async (stream: AsyncIterator<Buffer>) => (await stream.next()).value as Buffer;

  test('the stream holds a chunk or two, however long the log and however slowly it is read', async () => {
    const stream = exportStream();
    let bytes = 0;
    let reads = 0;
    let largestBuffer = 0;
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      reads += 1;
      // A slow reader: the stream has every chance to read ahead, and stops at its high-water mark.
      await new Promise((resolve) => setTimeout(resolve, 2));
      largestBuffer = Math.max(largestBuffer, stream.readableLength);
    }
    assert.ok(bytes > 15 * exportChunkBytes, `${bytes} bytes in all`);
    assert.ok(reads > 10, `${reads} reads`);
    assert.ok(largestBuffer <= 2 * exportChunkBytes, `${largestBuffer} bytes waiting at most`);
  });

  test('an export is one snapshot: what is appended while it runs is not in it', async () => {
    const stream = exportStream('chain');
    const chunks = stream[Symbol.asyncIterator]();
    const first = await nextChunk(chunks);
    const appended = harness.withStore((store) =>
      store.events.append({ accountId, type: 'session.ended', time: harness.clock.now, ip: '', userAgent: '', details: { reason: 'sign_out' } }),
    );
    const rest: Buffer[] = [first];
    for (let chunk = await chunks.next(); !chunk.done; chunk = await chunks.next()) rest.push(chunk.value as Buffer);
    const events = ndjson(Buffer.concat(rest).toString('utf8'));
    assert.ok(events.length >= 3_008);
    assert.ok(events.every((event) => Number(event.id) < appended));
    assert.equal(verifyChain(events, genesisHash), null);
  });

  test('a stream abandoned midway or never read closes its connection', async () => {
    for (const readFirst of [true, false]) {
      const reader = harness.withStore((store) => store.openReader());
      const stream = eventExportStream(reader, { accountId, filter: {}, order: 'newest', format: 'csv' });
      if (readFirst) await nextChunk(stream[Symbol.asyncIterator]());
      assert.equal(reader.isOpen, true);
      stream.destroy();
      await new Promise((resolve) => stream.once('close', resolve).on('error', () => undefined));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(reader.isOpen, false, readFirst ? 'abandoned midway' : 'never read');
    }
  });

  test('bad formats, orders and filters are typed 400s; a session is required', async () => {
    for (const [query, field] of [
      ['', 'format'],
      ['format=xml', 'format'],
      ['format=csv&order=oldest', 'order'],
      ['format=csv&since=last-week', 'since'],
      ['format=csv&type=made.up', 'type'],
      ['format=csv&ip=not-an-ip', 'ip'],
      ['format=csv&limit=10', 'limit'],
      ['format=chain&order=newest', 'order'],
    ] as const) {
      const response = await exportOf(query);
      assert.equal(response.status, 400, query);
      assert.equal(response.json.error.code, 'invalid_request');
      assert.match(response.json.error.message, new RegExp(field), query);
    }
    const anonymous = await harness.request('GET', `${routes.exportEvents.path}?format=csv`);
    assert.equal(anonymous.status, 401);
  });

  test('a CSV cell: quoted only when it must be, guarded when it could be a formula', () => {
    assert.deepEqual(
      ['plain', 'a,b', 'say "hi"', 'two\r\nlines', '=1+1', '+x', '-x', '@x', '\tx', '\rx', "'already", ''].map(csvCell),
      ['plain', '"a,b"', '"say ""hi"""', '"two\r\nlines"', "'=1+1", "'+x", "'-x", "'@x", "'\tx", '"\'\rx"', "'already", ''],
    );
  });
});
