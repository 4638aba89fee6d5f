// Builds the renderer. One build serves both hosts: Electron loads it from app://vigil, the browser host over http,
// hence relative asset URLs (base './') and everything emitted as files the page's CSP allows ('self').
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

// The dev server injects CSS through <style> tags, which the page's strict CSP forbids. Only while serving, allow
// inline styles so `vite` dev works; production builds keep the CSP exactly as written in index.html.
function devInlineStyles(): Plugin {
  return {
    name: 'vigil-dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root: path.join(projectRoot, 'renderer'),
  base: './',
  publicDir: path.join(projectRoot, 'renderer', 'public'),
  plugins: [devInlineStyles()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(projectRoot, 'dist', 'renderer'),
    emptyOutDir: true,
    // Never turn assets into data: URLs or inline code; keep every asset a same-origin file.
    assetsInlineLimit: 0,
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // zxcvbn's dictionaries (about 1.2 MB) are one lazy chunk, loaded only on the Password page; the initial
    // bundle has its own budget (bench/renderer-size.ts).
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-query marks its modules "use client" for server-component bundlers; meaningless in this SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { strictPort: true },
});
