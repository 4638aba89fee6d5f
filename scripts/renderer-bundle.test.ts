// The built renderer keeps its heavy parts lazy: the password-strength estimator (zxcvbn's dictionaries, about
// 1.2 MB) and the QR encoder load only on the pages that use them, never with the first paint. Reads the build
// that `npm test` makes before the unit tests (npm run build).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { initialJsBudgetBytes, measureInitialJs } from '../bench/renderer-size.ts';

const rendererDir = path.resolve(import.meta.dirname, '..', 'dist', 'renderer');
// A phrase from zxcvbn's English feedback, and the QR alphanumeric character set of the encoder.
const markers = { zxcvbn: 'This is a heavily used password.', qrEncoder: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:' };

test('zxcvbn and the QR encoder are built as lazy chunks, outside the initial JavaScript', () => {
  assert.ok(fs.existsSync(path.join(rendererDir, 'index.html')), 'no renderer build: run `npm run build` first');
  const initial = measureInitialJs(rendererDir);
  assert.ok(initial.gzipBytes <= initialJsBudgetBytes, `initial JS ${initial.gzipBytes} B over the budget`);
  const initialFiles = new Set(Object.keys(initial.files).map((file) => path.basename(file)));
  const assets = path.join(rendererDir, 'assets');
  const chunks = fs.readdirSync(assets).filter((file) => file.endsWith('.js'));
  for (const [name, marker] of Object.entries(markers)) {
    const holders = chunks.filter((file) => fs.readFileSync(path.join(assets, file), 'utf8').includes(marker));
    assert.ok(holders.length > 0, `${name} is not in the build at all`);
    assert.deepEqual(holders.filter((file) => initialFiles.has(file)), [], `${name} is in the initial JavaScript`);
  }
});
