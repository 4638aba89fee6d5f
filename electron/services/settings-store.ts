// The console's settings: which accounts it knows and which one is signed in. It holds no secrets (tokens live in
// the credential store), is written atomically so a crash mid-write cannot leave half a file, and a corrupt or
// unknown file is read as empty settings instead of stopping the app from starting.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, privateFileMode } from '../../registry/security/private-files.ts';

const AccountRef = z.object({ registryUrl: z.string().min(1), username: z.string().min(1) });

export const Settings = z.object({
  version: z.literal(1),
  accounts: z.array(AccountRef.extend({ addedAt: z.iso.datetime() })),
  activeAccount: AccountRef.nullable(),
  // Per account ("username@registryUrl"), the flagged events its owner marked "Yes, it was me". Ids only.
  reviewedEvents: z.record(z.string(), z.array(z.string().max(20)).max(10_000)).optional(),
  // Per account, the flagged events its owner answered "No, secure my account". Ids only.
  disownedEvents: z.record(z.string(), z.array(z.string().max(20)).max(10_000)).optional(),
  // Per account, the end of its audit log's hash chain when this console last verified it: a later log must extend it.
  activityHeads: z
    .record(
      z.string(),
      z.object({
        count: z.number().int().min(0),
        lastId: z.string().max(20).nullable(),
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        seenAt: z.iso.datetime(),
      }),
    )
    .optional(),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsAccountRef = z.infer<typeof AccountRef>;

export const settingsFileName = 'settings.json';

export function emptySettings(): Settings {
  return { version: 1, accounts: [], activeAccount: null };
}

export interface SettingsStore {
  readonly filePath: string;
  read(): Promise<Settings>;
  // Read-modify-write, serialised within this process so two updates cannot overwrite each other.
  update(change: (settings: Settings) => Settings): Promise<Settings>;
}

export function createSettingsStore(options: { directory: string }): SettingsStore {
  const filePath = path.join(options.directory, settingsFileName);
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Settings> {
    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch {
      return emptySettings();
    }
    try {
      const parsed = Settings.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : emptySettings();
    } catch {
      return emptySettings();
    }
  }

  async function write(settings: Settings): Promise<void> {
    const valid = Settings.parse(settings);
    ensurePrivateDir(options.directory);
    const temporary = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fs.open(temporary, 'w', privateFileMode);
      try {
        await handle.writeFile(`${JSON.stringify(valid, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, filePath);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  function update(change: (settings: Settings) => Settings): Promise<Settings> {
    const next = queue.then(async () => {
      const updated = change(await read());
      await write(updated);
      return updated;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return { filePath, read, update };
}

function sameAccount(a: SettingsAccountRef, b: SettingsAccountRef): boolean {
  return a.registryUrl === b.registryUrl && a.username === b.username;
}

// Pure transitions, so the session service reads as a sequence of intentions.
export function withActiveAccount(settings: Settings, account: SettingsAccountRef, now: Date): Settings {
  const known = settings.accounts.some((entry) => sameAccount(entry, account));
  return {
    ...settings,
    accounts: known ? settings.accounts : [...settings.accounts, { ...account, addedAt: now.toISOString() }],
    activeAccount: { registryUrl: account.registryUrl, username: account.username },
  };
}

export function withoutActiveAccount(settings: Settings): Settings {
  return { ...settings, activeAccount: null };
}

export function isActiveAccount(settings: Settings, account: SettingsAccountRef): boolean {
  return settings.activeAccount !== null && sameAccount(settings.activeAccount, account);
}
