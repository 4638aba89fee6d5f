// After a journey that handled secrets (passwords, a TOTP secret, recovery codes), none may be left where they do
// not belong: in the registry's or the console's logs, in the console's data folder (settings), or in the page's
// storage (cookies, localStorage, sessionStorage, IndexedDB). Only the keychain and the registry's database hold
// secrets, and the database only hashes — except TOTP secrets, which verification needs.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { VigilWorld } from './fixtures.ts';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

// Each secret in the spellings it could be written in: as typed, without dashes or spaces, in upper case.
function spellings(secret: string): string[] {
  const compact = secret.replace(/[-\s]/g, '');
  return [...new Set([secret, compact, compact.toUpperCase(), compact.toLowerCase()])].filter((value) => value.length >= 8);
}

export async function expectNoSecretsLeft(
  world: VigilWorld,
  page: Page,
  context: BrowserContext,
  secrets: readonly string[],
): Promise<void> {
  const places: Record<string, string> = { logs: world.logs() };
  for (const file of filesUnder(world.consoleDataDir)) places[`console file ${file}`] = fs.readFileSync(file, 'latin1');
  places['page storage'] = JSON.stringify(await context.storageState({ indexedDB: true }));
  places['session storage'] = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(Object.keys(places).length).toBeGreaterThan(3);

  const found: string[] = [];
  for (const secret of secrets) {
    for (const spelling of spellings(secret)) {
      for (const [place, content] of Object.entries(places)) {
        if (content.includes(spelling)) found.push(`${spelling.slice(0, 4)}… in ${place}`);
      }
    }
  }
  expect(found).toEqual([]);
}
