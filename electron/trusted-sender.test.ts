import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isTrustedSender, rendererFileUrl, senderInfo, type SenderInfo } from './trusted-sender.ts';

const indexHtml = path.resolve('/opt/Vigil App/resources/app.asar/dist/renderer/index.html');
const trusted = { rendererUrl: rendererFileUrl(indexHtml), windowWebContentsIds: new Set([7]) };
const ours: SenderInfo = { webContentsId: 7, frameUrl: trusted.rendererUrl, isTopFrame: true };

describe('trusted sender', () => {
  test('accepts the top frame of our window showing our renderer file, whatever its hash or query', () => {
    assert.ok(isTrustedSender(ours, trusted));
    assert.ok(isTrustedSender({ ...ours, frameUrl: `${trusted.rendererUrl}#/dashboard` }, trusted));
    assert.ok(isTrustedSender({ ...ours, frameUrl: `${trusted.rendererUrl}?x=1` }, trusted));
  });

  const refused: Array<[string, Partial<SenderInfo>]> = [
    ['a webContents we did not create', { webContentsId: 8 }],
    ['an iframe inside our window', { isTopFrame: false }],
    ['a frame that is already gone', { frameUrl: null }],
    ['a web page', { frameUrl: 'https://evil.example/index.html' }],
    ['another local file', { frameUrl: 'file:///tmp/evil.html' }],
    ['a file next to ours', { frameUrl: trusted.rendererUrl.replace('index.html', 'other.html') }],
    ['a file URL with a host', { frameUrl: trusted.rendererUrl.replace('file://', 'file://evil.example') }],
    ['the devtools', { frameUrl: 'devtools://devtools/bundled/inspector.html' }],
    ['garbage', { frameUrl: 'not a url' }],
  ];
  for (const [name, change] of refused) {
    test(`refuses ${name}`, () => {
      assert.equal(isTrustedSender({ ...ours, ...change }, trusted), false);
    });
  }

  test('reads the sender from an Electron IPC event', () => {
    const event = { sender: { id: 7 }, senderFrame: { url: trusted.rendererUrl, parent: null } };
    assert.deepEqual(senderInfo(event as never), ours);
    const iframe = { sender: { id: 7 }, senderFrame: { url: trusted.rendererUrl, parent: {} } };
    assert.equal(senderInfo(iframe as never).isTopFrame, false);
    assert.deepEqual(senderInfo({ sender: { id: 7 }, senderFrame: null } as never), { webContentsId: 7, frameUrl: null, isTopFrame: false });
  });
});
