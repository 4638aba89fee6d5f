// The "Find tokens on this computer" scans, run in main. A scan runs in the background; the window asks for its
// progress and findings by id (polling works the same over Electron IPC and the browser host) and may cancel it.
// Findings never hold a whole token: a preview, where it is, and for Vigil tokens the key and the account's
// answer about it (active, revoked, expired — or unknown to this account).
import { randomUUID } from 'node:crypto';
import { scanForTokens, type ScanProgress, type TokenFinding } from './scan-for-tokens.ts';

export type TokenState = 'active' | 'revoked' | 'expired' | 'unknown';

export interface FoundToken extends Omit<TokenFinding, 'key'> {
  // For Vigil tokens, what the signed-in account's registry says of it; null for other registries' tokens.
  state: TokenState | null;
}

export interface ScanStatus extends ScanProgress {
  status: 'running' | 'done' | 'cancelled' | 'failed';
  findings: FoundToken[];
}

export interface TokenFinderOptions {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  // The state of each Vigil token key for the signed-in account (keys it does not know are left out).
  lookUpStates: (keys: readonly string[]) => Promise<ReadonlyMap<string, Exclude<TokenState, 'unknown'>>>;
  // Finished scans are forgotten after this long, so findings do not pile up in memory.
  keepMs?: number;
}

interface Scan {
  controller: AbortController;
  state: ScanStatus;
}

export function createTokenFinder(options: TokenFinderOptions) {
  const scans = new Map<string, Scan>();
  const keepMs = options.keepMs ?? 10 * 60_000;

  async function run(scan: Scan, folders: readonly string[]): Promise<void> {
    const update = (changes: Partial<ScanStatus>) => Object.assign(scan.state, changes);
    try {
      const findings = await scanForTokens({
        home: options.home,
        env: options.env,
        folders,
        signal: scan.controller.signal,
        onProgress: (progress) => update(progress),
      });
      const keys = [...new Set(findings.flatMap((finding) => (finding.key ? [finding.key] : [])))];
      const states = keys.length > 0 ? await options.lookUpStates(keys) : new Map<string, TokenState>();
      update({
        status: 'done',
        current: null,
        findings: findings.map(({ key, ...finding }) => ({ ...finding, state: key ? (states.get(key) ?? 'unknown') : null })),
      });
    } catch (error) {
      update({ status: scan.controller.signal.aborted ? 'cancelled' : 'failed', current: null });
      if (!scan.controller.signal.aborted) throw error;
    }
  }

  return {
    start(folders: readonly string[]): { scanId: string } {
      const scanId = randomUUID();
      const scan: Scan = { controller: new AbortController(), state: { status: 'running', filesScanned: 0, current: null, findings: [] } };
      scans.set(scanId, scan);
      void run(scan, folders)
        .catch(() => undefined)
        .finally(() => setTimeout(() => scans.delete(scanId), keepMs).unref());
      return { scanId };
    },
    status(scanId: string): ScanStatus | null {
      const scan = scans.get(scanId);
      return scan ? structuredClone(scan.state) : null;
    },
    cancel(scanId: string): void {
      scans.get(scanId)?.controller.abort();
    },
    dispose(): void {
      for (const scan of scans.values()) scan.controller.abort();
      scans.clear();
    },
  };
}

export type TokenFinder = ReturnType<typeof createTokenFinder>;
