import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTrustedSender, senderInfo, type SenderInfo } from './trusted-sender.ts';

const trusted = { windowWebContentsIds: new Set([7]) };
const ours: SenderInfo = { webContentsId: 7, frameUrl: 'app://vigil/index.html', isTopFrame: true };

describe('trusted sender', () => {
  test('accepts the top frame of our window showing our renderer at app://vigil, whatever its hash or query', () => {
    assert.ok(isTrustedSender(ours, trusted));
    assert.ok(isTrustedSender({ ...ours, frameUrl: 'app://vigil/' }, trusted));
    assert.ok(isTrustedSender({ ...ours, frameUrl: 'app://vigil/index.html#/dashboard' }, trusted));
    assert.ok(isTrustedSender({ ...ours, frameUrl: 'app://vigil/index.html?x=1' }, trusted));
  });

  const refused: Array<[string, Partial<SenderInfo>]> = [
    ['a webContents we did not create', { webContentsId: 8 }],
    ['an iframe inside our window', { isTopFrame: false }],
    ['a frame that is already gone', { frameUrl: null }],
    ['a web page', { frameUrl: 'https://evil.example/index.html' }],
    ['our renderer loaded from file://', { frameUrl: 'file:///opt/Vigil/resources/app.asar/dist/renderer/index.html' }],
    ['another local file', { frameUrl: 'file:///tmp/evil.html' }],
    ['another app:// host', { frameUrl: 'app://evil/index.html' }],
    ['our host on a port', { frameUrl: 'app://vigil:8080/index.html' }],
    ['a host that merely starts with ours', { frameUrl: 'app://vigil.evil.example/index.html' }],
    ['another document on our origin', { frameUrl: 'app://vigil/other.html' }],
    ['a file in a subfolder of our origin', { frameUrl: 'app://vigil/assets/index.html' }],
    ['a look-alike scheme', { frameUrl: 'apps://vigil/index.html' }],
    ['the devtools', { frameUrl: 'devtools://devtools/bundled/inspector.html' }],
    ['garbage', { frameUrl: 'not a url' }],
  ];
  for (const [name, change] of refused) {
    test(`refuses ${name}`, () => {
      assert.equal(isTrustedSender({ ...ours, ...change }, trusted), false);
    });
  }

  test('reads the sender from an Electron IPC event', () => {
    const event = { sender: { id: 7 }, senderFrame: { url: ours.frameUrl, parent: null } };
    assert.deepEqual(senderInfo(event as never), ours);
    const iframe = { sender: { id: 7 }, senderFrame: { url: ours.frameUrl, parent: {} } };
    assert.equal(senderInfo(iframe as never).isTopFrame, false);
    assert.deepEqual(senderInfo({ sender: { id: 7 }, senderFrame: null } as never), { webContentsId: 7, frameUrl: null, isTopFrame: false });
  });
});
