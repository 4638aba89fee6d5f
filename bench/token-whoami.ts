// Token-authenticated GET /api/v1/whoami under load, next to Verdaccio's /-/whoami with its JWT in the same run:
// every Vigil request checks the token's checksum, looks it up, and checks revocation and expiry. Beside it, the
// same load with a token whose checksum is wrong (refused before any database lookup) and with a well-formed
// token the registry does not know (refused after one), which shows what the lookup costs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateApiToken } from '../registry/security/api-tokens.ts';
import { createAccount } from '../registry/server/accounts.ts';
import { startRegistryProcess } from './registry-process.ts';
import { startVerdaccio } from './verdaccio-peer.ts';
import { loadWhoami, type LoadFigures } from './whoami-load.ts';

const seconds = 5;
const connectionCounts = [8, 50] as const;

async function vigilToken(url: string): Promise<string> {
  const signIn = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password-0123' }),
  });
  const { token: session } = (await signIn.json()) as { token: string };
  // Just signed in, so the session is confirmed for this sensitive call.
  const created = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ name: 'bench', permission: 'read-only', projects: 'all', expiresInDays: 30 }),
  });
  const body = (await created.json()) as { token?: string };
  if (created.status !== 201 || !body.token) throw new Error(`token creation answered ${created.status}`);
  return body.token;
}

function badChecksum(token: string): string {
  const last = token.at(-1) === 'a' ? 'b' : 'a';
  return token.slice(0, -1) + last;
}

export async function benchTokenWhoami(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-whoami-'));
  await createAccount(dataDir, { username: 'bench', password: 'bench-password-0123', totp: false });
  // In a process of its own, as Verdaccio is.
  const registry = await startRegistryProcess(dataDir);
  const verdaccio = await startVerdaccio();
  try {
    const token = await vigilToken(registry.url);
    const vigilUrl = `${registry.url}/api/v1/whoami`;
    const vigil: LoadFigures[] = [];
    const peer: LoadFigures[] = [];
    // Warm-up, not counted.
    await loadWhoami(vigilUrl, token, 8, 1);
    await loadWhoami(`${verdaccio.url}/-/whoami`, verdaccio.token, 8, 1);
    for (const connections of connectionCounts) {
      vigil.push(await loadWhoami(vigilUrl, token, connections, seconds));
      peer.push(await loadWhoami(`${verdaccio.url}/-/whoami`, verdaccio.token, connections, seconds));
    }
    const refusedByChecksum = await loadWhoami(vigilUrl, badChecksum(token), 8, seconds);
    const refusedAfterLookup = await loadWhoami(vigilUrl, generateApiToken(), 8, seconds);
    return {
      vigil,
      verdaccio: peer,
      speedup: vigil.map((figures, index) => Math.round((figures.requestsPerSecond / peer[index]!.requestsPerSecond) * 10) / 10),
      goalSpeedup: 3,
      refusedBadChecksumAt8: refusedByChecksum,
      refusedUnknownTokenAt8: refusedAfterLookup,
    };
  } finally {
    await verdaccio.close();
    await registry.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
