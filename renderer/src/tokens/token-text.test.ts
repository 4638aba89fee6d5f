import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TokenRow } from '../bridge/contract.ts';
import { environmentLine, tokenWarningsText, filterTokens, noFilter, npmrcLine, relativeTime, scopeText, sortTokens } from './token-text.ts';

const now = Date.parse('2026-11-26T12:00:00Z');
const flags = { expiringSoon: false, stale: false, allProjects: false, bypasses2fa: false, noIpLimit: false };
function row(name: string, changes: Partial<TokenRow> = {}): TokenRow {
  return {
    id: String(name.length),
    name,
    description: '',
    preview: 'vgl_abcd',
    permission: 'read-only',
    projects: ['left-pad'],
    allowedCidrs: [],
    bypass2fa: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2026-12-01T00:00:00.000Z',
    lastUsed: null,
    createdWith2fa: true,
    flags,
    ...changes,
  };
}

test('relative times use the largest whole unit', () => {
  assert.equal(relativeTime('2026-12-01T12:00:00Z', now, 'en'), 'in 5 days');
  assert.equal(relativeTime('2026-11-26T09:00:00Z', now, 'en'), '3 hours ago');
  assert.equal(relativeTime('2026-11-26T12:00:20Z', now, 'en'), 'this minute');
});

test('scope in words', () => {
  assert.equal(scopeText('all'), 'All projects');
  assert.equal(scopeText(['a', 'b']), 'a, b');
});

test('sorting by last use puts never-used tokens first when ascending, names break ties', () => {
  const tokens = [row('b', { lastUsed: { time: '2026-11-20T00:00:00Z', ip: '1.2.3.4' } }), row('c'), row('a')];
  assert.deepEqual(sortTokens(tokens, 'lastUsed', 'ascending').map((t) => t.name), ['a', 'c', 'b']);
  assert.deepEqual(sortTokens(tokens, 'lastUsed', 'descending').map((t) => t.name), ['b', 'c', 'a']);
  assert.deepEqual(sortTokens(tokens, 'name', 'ascending').map((t) => t.name), ['a', 'b', 'c']);
});

test('filters by text (name, description or project), permission and badge', () => {
  const tokens = [
    row('ci', { permission: 'read-write', flags: { ...flags, stale: true } }),
    row('laptop', { description: 'Home MacBook' }),
    row('mirror', { projects: 'all' }),
  ];
  const names = (filter: Partial<typeof noFilter>) => filterTokens(tokens, { ...noFilter, ...filter }).map((t) => t.name);
  assert.deepEqual(names({ text: 'macbook' }), ['laptop']);
  assert.deepEqual(names({ text: 'ALL proj' }), ['mirror']);
  assert.deepEqual(names({ permission: 'read-write' }), ['ci']);
  assert.deepEqual(names({ badge: 'stale' }), ['ci']);
  assert.deepEqual(names({}), ['ci', 'laptop', 'mirror']);
});

test('the .npmrc line is keyed by the registry without its scheme, keeping a sub-path', () => {
  assert.equal(npmrcLine('http://127.0.0.1:4873', 'vgl_x'), '//127.0.0.1:4873/:_authToken=vgl_x');
  assert.equal(npmrcLine('https://reg.example/npm/', 'vgl_x'), '//reg.example/npm/:_authToken=vgl_x');
  assert.equal(environmentLine('vgl_x'), 'export VIGIL_TOKEN=vgl_x');
});

test('the Overview line counts what is worth a look, in words', () => {
  assert.equal(tokenWarningsText([row('a')]), null);
  const tokens = [
    row('a', { flags: { ...flags, stale: true, bypasses2fa: true } }),
    row('b', { flags: { ...flags, stale: true, allProjects: true } }),
  ];
  assert.equal(tokenWarningsText(tokens), '2 stale, 1 bypasses 2FA, 1 reaches all projects.');
});
