// The packaging configuration must stay valid for electron-builder and name every platform's installers.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util');

test('electron-builder accepts the configuration and it targets Linux, macOS and Windows installers', async () => {
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.deepEqual(config.win.target, ['nsis']);
});

test('the packaged app flips every security fuse to its safe value', async () => {
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  assert.deepEqual(config.electronFuses, {
    // Not a plain Node runtime (ELECTRON_RUN_AS_NODE), and no Node options or inspector from outside.
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    // Only the app.asar that was signed and packaged is loaded.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer is served from app://vigil, so file:// pages get no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  });
});

test('electron-builder rejects a configuration with an unknown key, so the check above can fail', async () => {
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await assert.rejects(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false)));
});
