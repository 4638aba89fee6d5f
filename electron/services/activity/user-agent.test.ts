import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDeviceParser } from './user-agent.ts';

const parse = createDeviceParser();
const device = (userAgent: unknown) => {
  const { client, os } = parse(userAgent);
  return { client, os };
};

test('npm, yarn and pnpm are clients on the OS Node reports', () => {
  assert.deepEqual(device('npm/11.6.0 node/v24.11.0 linux x64 workspaces/false'), { client: 'npm', os: 'Linux' });
  assert.deepEqual(device('npm/10.9.2 node/v22.12.0 linux x64 workspaces/false ci/github-actions'), { client: 'npm', os: 'Linux' });
  assert.deepEqual(device('npm/10.9.2 node/v22.12.0 darwin arm64 workspaces/false'), { client: 'npm', os: 'Mac OS' });
  assert.deepEqual(device('npm/10.9.2 node/v22.12.0 win32 x64 workspaces/false'), { client: 'npm', os: 'Windows' });
  assert.deepEqual(device('yarn/1.22.22 npm/? node/v20.11.0 darwin arm64'), { client: 'yarn', os: 'Mac OS' });
  assert.deepEqual(device('pnpm/9.1.0 npm/? node/v20.11.0 linux x64'), { client: 'pnpm', os: 'Linux' });
});

test('browsers are ua-parser-js’s families, sharing OS names with the command line', () => {
  const firefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0';
  const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  const iphone =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
  assert.deepEqual(device(firefox), { client: 'Firefox', os: 'Mac OS' });
  assert.deepEqual(device(chrome), { client: 'Chrome', os: 'Windows' });
  assert.deepEqual(device(iphone), { client: 'Mobile Safari', os: 'iOS' });
  assert.equal(parse(firefox).label, 'Firefox on Mac OS');
});

test('a new version of the same browser is the same device', () => {
  const older = parse('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36');
  const newer = parse('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36');
  assert.equal(older.key, newer.key);
  assert.notEqual(older.key, parse('npm/11.6.0 node/v24.11.0 win32 x64 workspaces/false').key);
});

test('scripts and other tools are named by their first product token', () => {
  assert.deepEqual(device('python-requests/2.31.0'), { client: 'python-requests', os: null });
  assert.deepEqual(device('curl/8.5.0'), { client: 'curl', os: null });
  assert.deepEqual(device('Vigil/0.1.0 (Electron 45; macOS 14.6)'), { client: 'Vigil', os: 'Mac OS' });
  assert.equal(parse('python-requests/2.31.0').label, 'python-requests');
});

test('odd, empty, huge or missing user agents are an unknown device, never an error', () => {
  for (const odd of ['', 'node', '\u0000\u0001', 'x'.repeat(100_000), '((((;;;', undefined, null, 42, {}]) {
    assert.deepEqual(device(odd), { client: null, os: null }, String(odd).slice(0, 20));
  }
  assert.equal(parse(undefined).label, 'Unknown device');
  assert.equal(parse('Mozilla/5.0 (X11; Linux x86_64)').label, 'Unknown client on Linux');
});

test('answers are memoised per user agent, and the memo is bounded', () => {
  const small = createDeviceParser(2);
  const first = small('curl/8.5.0');
  assert.equal(small('curl/8.5.0'), first);
  small('curl/8.6.0');
  small('curl/8.7.0');
  assert.notEqual(small('curl/8.5.0'), first, 'evicted, parsed again');
  assert.deepEqual(small('curl/8.5.0'), first);
});
