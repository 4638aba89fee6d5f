import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { apiTokenKey, generateApiToken } from '../../../registry/security/api-tokens.ts';
import { createTokenFinder, type ScanStatus, type TokenFinder } from './token-finder.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-finder-home-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

async function finished(finder: TokenFinder, scanId: string): Promise<ScanStatus> {
  for (;;) {
    const status = finder.status(scanId);
    assert.ok(status);
    if (status.status !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a scan reports each Vigil token with its state for this account, and other tokens without one', async () => {
  const [active, revoked, stranger] = [generateApiToken(), generateApiToken(), generateApiToken()];
  fs.writeFileSync(path.join(home, '.npmrc'), `//a/:_authToken=${active}\n//b/:_authToken=${revoked}\n//c/:_authToken=${stranger}\n`);
  const asked: string[][] = [];
  const finder = createTokenFinder({
    home,
    env: { NPM_TOKEN: `npm_${'x'.repeat(36)}` },
    lookUpStates: async (keys) => {
      asked.push([...keys]);
      return new Map([
        [apiTokenKey(active), 'active'],
        [apiTokenKey(revoked), 'revoked'],
      ]);
    },
  });
  const { scanId } = finder.start([]);
  const status = await finished(finder, scanId);
  assert.equal(status.status, 'done');
  assert.deepEqual(
    status.findings.map((finding) => [finding.kind, finding.line, finding.state]),
    [
      ['npm', 0, null],
      ['vigil', 1, 'active'],
      ['vigil', 2, 'revoked'],
      ['vigil', 3, 'unknown'],
    ],
  );
  assert.deepEqual(asked, [[apiTokenKey(active), apiTokenKey(revoked), apiTokenKey(stranger)]]);
  assert.ok(!JSON.stringify(status).includes(active.slice(8)), 'a status never carries a whole token');
  assert.equal(finder.status('no-such-scan'), null);
  finder.dispose();
});

test('a cancelled scan says so', async () => {
  fs.mkdirSync(path.join(home, 'big'), { recursive: true });
  for (let index = 0; index < 200; index += 1) fs.writeFileSync(path.join(home, 'big', `f${index}.txt`), 'x');
  const finder = createTokenFinder({ home, env: {}, lookUpStates: async () => new Map() });
  const { scanId } = finder.start([path.join(home, 'big')]);
  finder.cancel(scanId);
  assert.equal((await finished(finder, scanId)).status, 'cancelled');
  finder.dispose();
});
