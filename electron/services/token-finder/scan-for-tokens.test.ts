import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { apiTokenKey, generateApiToken } from '../../../registry/security/api-tokens.ts';
import { scanForTokens } from './scan-for-tokens.ts';
import { recogniseTokens } from './token-recognisers.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-finder-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

const npmToken = `npm_${'a1B2c3D4e5'.repeat(3)}abcdef`;
const pypiToken = `pypi-AgEIcHlwaS5vcmcCJDEyMzQ1Njc4LTEyMzQtMTIzNC0xMjM0LTEyMzQ1Njc4OTBhYgACKlsz`;

test('recognises Vigil tokens only with a valid checksum, and npm and PyPI tokens by shape', () => {
  const token = generateApiToken();
  const forged = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
  assert.deepEqual(recogniseTokens(`//r/:_authToken=${token}`), [{ kind: 'vigil', preview: `${token.slice(0, 8)}…`, key: apiTokenKey(token) }]);
  assert.deepEqual(recogniseTokens(`_authToken=${forged}`), []);
  assert.deepEqual(recogniseTokens(`//registry.npmjs.org/:_authToken=${npmToken}`).map((found) => found.kind), ['npm']);
  assert.deepEqual(recogniseTokens(`password = ${pypiToken}`).map((found) => found.kind), ['pypi']);
});

test('scans the usual places and added folders, reporting file and line but never a whole token', async () => {
  const token = generateApiToken();
  const other = generateApiToken();
  const home = tree({
    '.npmrc': `registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=${token}\n`,
    '.pypirc': `[pypi]\n  username = __token__\n  password = ${pypiToken}\n`,
    '.config/tool/settings.json': `{"token":"${npmToken}"}`,
    '.config/deep/a/b/c/d/e/f/g/too-deep.txt': token,
    '.config/node_modules/pkg/.npmrc': token,
    '.config/.git/config': token,
    'projects/site/.env': `X=1\nVIGIL_TOKEN=${other}\n`,
    'projects/site/big.log': `${'x'.repeat(2 * 1024 * 1024)}\n${token}`,
    'projects/site/image.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token)]),
  });
  const progress: Array<string | null> = [];
  const findings = await scanForTokens({
    home,
    env: { VIGIL_TOKEN: token, PATH: '/usr/bin' },
    folders: [path.join(home, 'projects')],
    onProgress: (state) => progress.push(state.current),
  });
  const shown = findings.map((finding) => {
    const where = finding.line === 0 ? finding.where : path.relative(home, finding.where);
    return `${finding.kind} ${where}:${finding.line}`;
  });
  assert.deepEqual(shown.sort(), [
    'npm .config/tool/settings.json:1',
    'pypi .pypirc:3',
    'vigil .npmrc:2',
    'vigil environment variable VIGIL_TOKEN:0',
    'vigil projects/site/.env:2',
  ]);
  assert.equal(findings.find((finding) => finding.where.endsWith('.env'))?.key, apiTokenKey(other));
  assert.ok(!JSON.stringify(findings).includes(token), 'no finding holds a whole token');
  assert.ok(!JSON.stringify(findings).includes(npmToken));
  assert.equal(progress.at(-1), null, 'the last progress report says it is done');
});

test('a symbolic link is not followed, and a cancelled scan stops', async () => {
  const outside = tree({ 'secret/.npmrc': generateApiToken() });
  const home = tree({ '.config/app/x.txt': 'nothing' });
  fs.symlinkSync(path.join(outside, 'secret'), path.join(home, '.config', 'link'));
  assert.deepEqual(await scanForTokens({ home, env: {} }), []);

  const controller = new AbortController();
  controller.abort();
  await assert.rejects(scanForTokens({ home, env: {}, signal: controller.signal }), { name: 'AbortError' });
});
