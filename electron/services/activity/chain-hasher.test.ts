import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { build } from 'esbuild';
import { chainLine, eventHash, genesisHash } from '../../../registry/contract/event-chain.ts';
import { checkLines, startChainHasher } from './chain-hasher.ts';

// A chain of `count` events as the registry's chain export writes it, one string per line.
function chainLines(count: number): string[] {
  const lines: string[] = [];
  let previous = genesisHash;
  for (let id = 1; id <= count; id += 1) {
    const event = {
      id: String(id),
      type: id % 7 === 0 ? 'login.failure' : 'login.success',
      time: new Date(Date.UTC(2025, 0, 1) + id * 60_000).toISOString(),
      ip: `203.0.113.${id % 250}`,
      userAgent: id % 3 === 0 ? 'Firefox "quoted" ünïcode\ttab' : 'npm/11.0.0 node/v24.0.0',
      details: { method: 'password', attempt: id },
    };
    const next = eventHash(previous, event);
    lines.push(chainLine({ ...event, prevHash: previous, hash: next }));
    previous = next;
  }
  return lines;
}

/** The lines in chunks of complete lines, about `size` bytes each, as fresh buffers the hasher may take. */
function chunks(lines: readonly string[], size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let text = '';
  for (const line of lines) {
    text += line;
    if (text.length >= size) {
      out.push(new Uint8Array(Buffer.from(text)));
      text = '';
    }
  }
  if (text) out.push(new Uint8Array(Buffer.from(text)));
  return out;
}

async function hashAll(lines: readonly string[], threads: number, size = 4096, start = startChainHasher) {
  const hasher = start(threads);
  for (const chunk of chunks(lines, size)) await hasher.push(chunk);
  return hasher.finish();
}

const sha256 = (data: Buffer) => hash('sha256', data, 'hex');

describe('checkLines', () => {
  test('a line checks out when SHA-256 of its bytes before the tab is its hash, whatever the characters', () => {
    const lines = chainLines(30);
    assert.deepEqual(checkLines(Buffer.from(lines.join('')), sha256), { lines: 30, bad: -1, badLine: '' });
  });

  test('names the first line changed by one byte, or without a tab and hash', () => {
    const lines = chainLines(10);
    lines[4] = lines[4]!.replace('203.0.113.5', '203.0.113.6');
    lines[6] = lines[6]!.replace('npm', 'NPM');
    assert.deepEqual(checkLines(Buffer.from(lines.join('')), sha256), { lines: 4, bad: 4, badLine: lines[4]!.slice(0, -1) });
    assert.equal(checkLines(Buffer.from(`${'0'.repeat(64)}{}\n`), sha256).bad, 0);
  });
});

describe('startChainHasher', () => {
  for (const threads of [1, 2]) {
    test(`${threads} worker(s): a whole chain checks out; one altered event is named by its place, id, type and time`, async () => {
      const lines = chainLines(3_000);
      assert.equal(await hashAll(lines, threads), null);
      const altered = [...lines];
      altered[2_345] = altered[2_345]!.replace('"attempt":2346', '"attempt":1');
      altered[2_900] = altered[2_900]!.replace('"attempt":2901', '"attempt":1');
      assert.deepEqual(await hashAll(altered, threads, 1000), {
        index: 2_345,
        event: { id: '2346', type: 'login.success', time: '2025-01-02T15:06:00.000Z' },
      });
    });
  }

  test('push waits while many chunks are in flight, and every chunk is answered', async () => {
    const hasher = startChainHasher(1);
    const lines = chainLines(2_000);
    const pending = chunks(lines, 500).map((chunk) => hasher.push(chunk));
    assert.ok(pending.length > 20);
    await Promise.all(pending);
    assert.equal(await hasher.finish(), null);
  });

  test('an empty log checks out at once', async () => {
    assert.equal(await startChainHasher(2).finish(), null);
  });

  test('closed midway, it ends its workers and does not keep the process alive', async () => {
    const hasher = startChainHasher(2);
    await hasher.push(chunks(chainLines(100), 10_000)[0]!);
    hasher.close();
    hasher.close();
    await assert.rejects(hasher.push(new Uint8Array(1)), /closed/);
  });
});

// The workers run checkLines from its source text: in Electron that text is esbuild's, so the bundle is checked too.
test('bundled into CommonJS as the main process is (scripts/build.ts), the workers still check lines', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-hasher-'));
  try {
    const outfile = path.join(folder, 'chain-hasher.cjs');
    await build({
      entryPoints: [path.join(import.meta.dirname, 'chain-hasher.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      packages: 'external',
      logLevel: 'silent',
    });
    const bundled = createRequire(import.meta.url)(outfile) as { startChainHasher: typeof startChainHasher };
    const lines = chainLines(500);
    assert.equal(await hashAll(lines, 2, 4096, bundled.startChainHasher), null);
    lines[42] = lines[42]!.replace('"attempt":43', '"attempt":44');
    assert.equal((await hashAll(lines, 2, 4096, bundled.startChainHasher))?.event.id, '43');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
