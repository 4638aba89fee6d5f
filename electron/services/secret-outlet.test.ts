import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createDesktopSecretOutlet, pageSecretOutlet, writePrivateFile } from './secret-outlet.ts';

function desktop(options: { savePath?: string | null } = {}) {
  let clipboard = '';
  const timers: Array<{ callback: () => void; ms: number }> = [];
  const written: Array<[string, string]> = [];
  const outlet = createDesktopSecretOutlet({
    clipboard: { writeText: (text) => void (clipboard = text), readText: async () => clipboard },
    chooseSavePath: async () => (options.savePath === undefined ? '/home/u/codes.txt' : options.savePath),
    writePrivateFile: async (file, text) => void written.push([file, text]),
    setTimer: (callback, ms) => void timers.push({ callback, ms }),
  });
  return { outlet, timers, written, clipboard: () => clipboard, copyElsewhere: (text: string) => void (clipboard = text) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('main copies the codes and clears the clipboard after 30 seconds', async () => {
  const world = desktop();
  assert.deepEqual(await world.outlet.copy('aaaa-bbbb'), { copiedBy: 'main', clearAfterSeconds: 30 });
  assert.equal(world.clipboard(), 'aaaa-bbbb');
  assert.equal(world.timers[0]?.ms, 30_000);
  world.timers[0]?.callback();
  await settle();
  assert.equal(world.clipboard(), '');
});

test('what the user copied since is left alone', async () => {
  const world = desktop();
  await world.outlet.copy('aaaa-bbbb');
  world.copyElsewhere('a shopping list');
  world.timers[0]?.callback();
  await settle();
  assert.equal(world.clipboard(), 'a shopping list');
});

test('quitting within the 30 seconds clears the codes at once', async () => {
  const world = desktop();
  await world.outlet.copy('aaaa-bbbb');
  await world.outlet.dispose();
  assert.equal(world.clipboard(), '');
  world.copyElsewhere('later');
  world.timers[0]?.callback();
  await settle();
  assert.equal(world.clipboard(), 'later');
});

test('saving writes where the user chose, and a cancelled dialog writes nothing', async () => {
  const chosen = desktop();
  assert.deepEqual(await chosen.outlet.save('codes.txt', 'codes'), { savedBy: 'main', saved: true });
  assert.deepEqual(chosen.written, [['/home/u/codes.txt', 'codes']]);
  const cancelled = desktop({ savePath: null });
  assert.deepEqual(await cancelled.outlet.save('codes.txt', 'codes'), { savedBy: 'main', saved: false });
  assert.deepEqual(cancelled.written, []);
});

test('in a browser tab the page copies and saves', async () => {
  assert.deepEqual(await pageSecretOutlet.copy('x'), { copiedBy: 'page', clearAfterSeconds: 30 });
  assert.deepEqual(await pageSecretOutlet.save('codes.txt', 'x'), { savedBy: 'page', saved: false });
});

test('the saved file is readable by its owner only, even when it replaces a readable one', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-outlet-'));
  try {
    const file = path.join(dir, 'codes.txt');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await writePrivateFile(file, 'aaaa-bbbb\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'aaaa-bbbb\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const created = path.join(dir, 'new.txt');
    await writePrivateFile(created, 'x');
    assert.equal(fs.statSync(created).mode & 0o777, 0o600);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
