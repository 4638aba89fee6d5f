import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { appSchemePrivileges, createAppProtocolHandler, rendererUrl } from './app-protocol.ts';
import { contentSecurityPolicyHeader } from './content-security-policy.ts';

// A built renderer in a temp folder, with a secret next to it (outside the served folder) and a symlink pointing out.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-app-protocol-'));
after(() => fs.rmSync(folder, { recursive: true, force: true }));
const rendererDir = path.join(folder, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'export {};');
fs.writeFileSync(path.join(folder, 'secret.txt'), 'secret');
fs.symlinkSync(path.join(folder, 'secret.txt'), path.join(rendererDir, 'link.txt'));

const handle = createAppProtocolHandler(rendererDir);

function assertSecurityHeaders(response: Response): void {
  assert.equal(response.headers.get('content-security-policy'), contentSecurityPolicyHeader);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
}

describe('app:// protocol handler', () => {
  test('the renderer lives at app://vigil/index.html', () => {
    assert.equal(rendererUrl, 'app://vigil/index.html');
  });

  test('asks only for a standard, secure scheme: no CSP bypass, fetch, CORS, service workers or streams', () => {
    assert.deepEqual(appSchemePrivileges, { standard: true, secure: true });
  });

  test('serves index.html for / and for /index.html, with the CSP header and its content type', async () => {
    for (const url of ['app://vigil/', rendererUrl, `${rendererUrl}?x=1#/dashboard`]) {
      const response = await handle(new Request(url));
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assertSecurityHeaders(response);
      assert.equal(await response.text(), '<!doctype html><title>Vigil</title>');
    }
  });

  test('serves the bundled assets with a script content type, which module scripts require', async () => {
    const response = await handle(new Request('app://vigil/assets/index.js'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assertSecurityHeaders(response);
  });

  const outside: Array<[string, string]> = [
    ['a missing file', 'app://vigil/missing.js'],
    ['a dot-dot path (normalised by the URL parser)', 'app://vigil/../secret.txt'],
    ['an encoded dot-dot segment', 'app://vigil/%2e%2e/secret.txt'],
    ['a dot-dot with an encoded slash', 'app://vigil/..%2fsecret.txt'],
    ['a fully encoded traversal', 'app://vigil/%2e%2e%2fsecret.txt'],
    ['a symlink pointing out of the folder', 'app://vigil/link.txt'],
    ['a folder', 'app://vigil/assets'],
    ['another host', 'app://evil/index.html'],
    ['our host on a port', 'app://vigil:8080/index.html'],
  ];
  for (const [name, url] of outside) {
    test(`answers 404 for ${name}`, async () => {
      const response = await handle(new Request(url));
      assert.equal(response.status, 404);
      assertSecurityHeaders(response);
      assert.doesNotMatch(await response.text(), /secret|Vigil/);
    });
  }

  test('answers 405 to anything but GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      const response = await handle(new Request(rendererUrl, { method }));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'GET');
      assertSecurityHeaders(response);
    }
  });
});
