// First-run download of the Electron binary. Electron 45 no longer fetches it at `npm install`, so `npm start`
// runs the electron package's own installer (the same code Electron runs on first use, honouring its mirror,
// cache and checksum settings) under a time limit, and reduces any failure to one reason a person can act on.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronPackageDir, findElectronBinary } from './electron-binary.ts';

export type ElectronDownload = { ok: true; binary: string } | { ok: false; reason: string };

// The binary is about 110 MB; five minutes is enough on a slow line yet ends a hung connection in time.
const defaultDownloadTimeoutMs = 5 * 60_000;

interface InstallerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  spawnError?: string;
}

export async function downloadElectronBinary(packageDir = electronPackageDir()): Promise<ElectronDownload> {
  if (isSet(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    return { ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded' };
  }
  // Electron itself never downloads when this is set: the binary is expected to be there, not fetched.
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    return { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH (${dist}) holds no Electron binary` };
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const timeoutMs = downloadTimeoutMs();
  const run = await runInstaller(packageDir, timeoutMs, `Downloading Electron ${version} (first run only)…`);
  const binary = run.code === 0 ? findElectronBinary(packageDir) : null;
  if (binary) return { ok: true, binary };
  const why = run.code === 0 ? 'its installer finished without leaving the binary' : describeFailure(run, timeoutMs);
  return { ok: false, reason: `could not download the Electron binary (${why})` };
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase());
}

function downloadTimeoutMs(): number {
  const value = Number(process.env.VIGIL_ELECTRON_DOWNLOAD_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : defaultDownloadTimeoutMs;
}

function runInstaller(packageDir: string, timeoutMs: number, label: string): Promise<InstallerRun> {
  // The installer downloads into os.tmpdir(); a folder of our own lets the progress line measure the download
  // and leaves nothing behind when the installer is stopped halfway.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-electron-download-'));
  const child = spawn(process.execPath, [path.join(packageDir, 'install.js')], {
    env: {
      ...process.env,
      TMPDIR: scratch,
      TMP: scratch,
      TEMP: scratch,
      // @electron/get's debug log names the URL it fetches, which its "fetch failed" error does not.
      DEBUG: [process.env.DEBUG, '@electron/get:index'].filter(Boolean).join(','),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the time limit can stop the installer and anything it started.
    detached: process.platform !== 'win32',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stopProgress = showProgress(label, scratch);
  // If `npm start` itself is ended mid-download, the installer must not outlive it.
  const cleanUp = () => {
    stopGroup(child);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopGroup(child);
  }, timeoutMs);

  return new Promise((resolve) => {
    const finish = (result: Omit<InstallerRun, 'output' | 'timedOut'>) => {
      clearTimeout(timer);
      stopProgress();
      process.off('exit', cleanUp);
      fs.rmSync(scratch, { recursive: true, force: true });
      resolve({ ...result, output, timedOut });
    };
    child.on('error', (error) => finish({ code: null, signal: null, spawnError: error.message }));
    child.on('close', (code, signal) => finish({ code, signal }));
  });
}

function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

// A terminal gets one line that grows with the bytes received, so a slow download is visibly not a hung one;
// a log gets the label once.
function showProgress(label: string, scratch: string): () => void {
  const out = process.stdout;
  if (!out.isTTY) {
    out.write(`${label}\n`);
    return () => {};
  }
  const started = Date.now();
  let received = 0;
  const draw = () => {
    received = Math.max(received, bytesUnder(scratch));
    const seconds = Math.round((Date.now() - started) / 1000);
    out.write(`\r${label} ${(received / 1e6).toFixed(1)} MB, ${seconds} s`);
  };
  draw();
  const ticker = setInterval(draw, 500);
  return () => {
    clearInterval(ticker);
    draw();
    out.write('\n');
  };
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    try {
      const stats = fs.statSync(path.join(dir, entry));
      if (stats.isFile()) total += stats.size;
    } catch {
      // The installer moves its download away when it is complete.
    }
  }
  return total;
}

// The installer prints a stack trace; the person starting Vigil needs only what went wrong.
function describeFailure(run: InstallerRun, timeoutMs: number): string {
  if (run.timedOut) {
    return `timed out after ${formatDuration(timeoutMs)}; VIGIL_ELECTRON_DOWNLOAD_TIMEOUT_MS allows longer`;
  }
  if (run.spawnError) return `its installer did not start: ${run.spawnError}`;
  const text = run.output;
  const http = /HTTPError: Response code (\d+) \(([^)]*)\) for (\S+)/.exec(text);
  if (http) return `${hostOf(http[3])} answered ${http[1]} ${http[2]}`.trim();
  const server = hostOf([...text.matchAll(/Downloading (\S+) to /g)].at(-1)?.[1]);
  if (/TypeError: fetch failed/.test(text)) return `no network connection to ${server}`;
  if (/TypeError: terminated/.test(text)) return `the connection to ${server} was cut off`;
  if (/did not match expected checksum|No checksum found/.test(text)) {
    return 'the download did not match its published checksum';
  }
  const message = /^\w*Error: (.+)$/m.exec(text)?.[1];
  if (message) return `its installer failed: ${message}`;
  return run.signal ? `its installer was stopped by ${run.signal}` : `its installer exited with code ${run.code}`;
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return 'the download server';
  }
}

function formatDuration(ms: number): string {
  const [amount, unit] = ms >= 60_000 ? [ms / 60_000, 'minute'] : [ms / 1000, 'second'];
  const rounded = Number(amount.toFixed(1));
  return `${rounded} ${unit}${rounded === 1 ? '' : 's'}`;
}
