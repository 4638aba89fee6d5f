// Builds what Electron and the browser host load: the renderer (Vite) into dist/renderer, and the main process
// and preload (esbuild) into dist/electron as CommonJS — the preload must be one self-contained file because a
// sandboxed preload cannot require project modules.
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { build as esbuild, type BuildOptions } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron'],
};

await esbuild({
  ...common,
  entryPoints: [path.join(root, 'electron/main.ts')],
  outfile: path.join(root, 'dist/electron/main.cjs'),
  // Runtime dependencies (fastify, keytar's native module, zod, otplib) are loaded from node_modules, as
  // electron-builder packs them; bundling them would break keytar's .node binary.
  packages: 'external',
  // geolocation.ts finds its database with createRequire(import.meta.url ?? __filename): empty in this CommonJS
  // build by design, where __filename answers.
  logOverride: { 'empty-import-meta': 'silent' },
});

await esbuild({
  ...common,
  entryPoints: [path.join(root, 'electron/preload.ts')],
  outfile: path.join(root, 'dist/electron/preload.cjs'),
});

// Progress goes to stderr so that commands printing JSON after a build (npm run bench) keep stdout clean.
console.error('built dist/renderer and dist/electron');
