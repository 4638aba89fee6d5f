// Serves the built renderer (dist/renderer) and nothing outside it: the request path is decoded, resolved inside
// the folder, and the real path (after symlinks) must still be inside it.
import fs from 'node:fs/promises';
import path from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function mimeTypeFor(filePath: string): string {
  return mimeTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

// Null for anything that is not a regular file inside rootDir.
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = await fs.realpath(rootDir).catch(() => null);
  if (root === null) return null;
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  try {
    const real = await fs.realpath(candidate);
    if (!isInside(root, real)) return null;
    const stat = await fs.stat(real);
    if (!stat.isFile()) return null;
    return { body: await fs.readFile(real), contentType: mimeTypeFor(real) };
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root + path.sep);
}
