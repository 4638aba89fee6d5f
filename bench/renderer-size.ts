// The renderer's initial JavaScript: every script and modulepreload the built index.html loads before first
// paint, gzipped as a server or an update feed would send it.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const initialJsBudgetBytes = 250 * 1024;

export function measureInitialJs(rendererDir: string): { files: Record<string, number>; gzipBytes: number; rawBytes: number } {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const references = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1] as string);
  const files: Record<string, number> = {};
  let rawBytes = 0;
  for (const reference of new Set(references)) {
    const content = fs.readFileSync(path.join(rendererDir, reference));
    rawBytes += content.length;
    files[reference] = gzipSync(content, { level: 9 }).length;
  }
  if (references.length === 0) throw new Error(`no script found in ${rendererDir}/index.html`);
  return { files, rawBytes, gzipBytes: Object.values(files).reduce((sum, size) => sum + size, 0) };
}
