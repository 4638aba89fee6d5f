// Runs the pinned npm CLI (node_modules/npm) against a test registry, as a user would, but sealed off: its own
// HOME, cache and userconfig in a temp folder, no update check, and none of the npm_* variables `npm test` puts
// in this process's environment (they would override the test's config), nor proxy settings (only 127.0.0.1 is
// ever contacted), nor a CI job's OIDC credentials (npm publish would offer the registry a token exchange with
// them). Asynchronous, because the registry answering it runs in this same process.
//
// npm only answers a one-time-password challenge with a prompt when stdin and stdout are terminals; otherwise it
// fails with EOTP. With `terminal`, npm runs inside a pseudo-terminal made by util-linux's `script` (Debian's
// bsdutils, an essential package), so no native module is needed to test that prompt.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const npmCli = path.resolve(import.meta.dirname, '../../../node_modules/npm/bin/npm-cli.js');
/** util-linux's script(1), which runs a command in a pseudo-terminal. */
export const scriptCommand = '/usr/bin/script';
const runTimeoutMs = 60_000;

/** A line to type once npm's output shows `prompt` (e.g. "Username:"). */
export interface PromptAnswer {
  prompt: string;
  answer: string;
}

export interface NpmRunOptions {
  /** Written into the userconfig as the registry's _authToken. */
  authToken?: string;
  /** Answers to npm's prompts, in order. */
  answers?: readonly PromptAnswer[];
  /**
   * Runs npm in a pseudo-terminal (see the top). A terminal has one output: stdout then holds everything npm wrote
   * to either stream, without colour codes and with \n line ends, and stderr is empty.
   */
  terminal?: boolean;
}

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The userconfig after the run (npm login writes the token it was given there). */
  userconfig: string;
}

export interface NpmRunner {
  run(args: readonly string[], options?: NpmRunOptions): Promise<NpmResult>;
  cleanup(): void;
}

function sealedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) || /^(https?|all|no)_proxy$/i.test(name) || name === 'NODE_OPTIONS') continue;
    if (/^(ACTIONS_ID_TOKEN_REQUEST_\w+|NPM_ID_TOKEN|SIGSTORE_ID_TOKEN)$/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, HOME: home, USERPROFILE: home, NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1', CI: 'true' };
}

export function npmRunner(registryUrl: string): NpmRunner {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-npm-'));
  const registry = `${registryUrl.replace(/\/$/, '')}/`;
  // The npmrc key npm looks up credentials by: the registry URL without its scheme.
  const nerfDart = registry.replace(/^https?:/, '');
  let runs = 0;
  return {
    run(args, { authToken, answers = [], terminal = false } = {}) {
      runs += 1;
      const userconfig = path.join(home, `npmrc-${runs}`);
      fs.writeFileSync(userconfig, authToken === undefined ? '' : `${nerfDart}:_authToken=${authToken}\n`, { mode: 0o600 });
      const fullArgs = [
        npmCli,
        ...args,
        '--registry',
        registry,
        '--userconfig',
        userconfig,
        '--globalconfig',
        path.join(home, 'globalnpmrc'),
        '--cache',
        path.join(home, 'cache'),
        '--no-update-notifier',
        '--no-audit',
        '--no-fund',
        '--color=false',
        '--fetch-retries=0',
      ];
      const settle = (code: number, stdout: string, stderr: string): NpmResult => ({
        code,
        stdout,
        stderr,
        userconfig: fs.readFileSync(userconfig, 'utf8'),
      });
      if (terminal) return runInTerminal(fullArgs, home, answers).then(({ code, output }) => settle(code, output, ''));
      return new Promise((resolve) => {
        const child = execFile(process.execPath, fullArgs, { env: sealedEnv(home), cwd: home, timeout: runTimeoutMs }, (error, stdout, stderr) => {
          resolve(settle(error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr));
        });
        // Without a terminal npm still prompts, but each prompt reads its own line: typing ahead would hand both
        // lines to the first. So each answer waits for its prompt, and stdin closes after the last.
        answerPrompts(child, answers, '\n', () => child.stdin?.end());
      });
    },
    cleanup() {
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Types each answer once its prompt has appeared in the output since the previous one; `done` after the last. */
function answerPrompts(child: ChildProcess, answers: readonly PromptAnswer[], enter: string, done: () => void): void {
  let seen = '';
  let next = 0;
  const answer = () => {
    while (next < answers.length && seen.includes(answers[next]!.prompt)) {
      seen = seen.slice(seen.indexOf(answers[next]!.prompt) + answers[next]!.prompt.length);
      child.stdin?.write(`${answers[next]!.answer}${enter}`);
      next += 1;
    }
    if (next === answers.length) done();
  };
  child.stdout?.on('data', (chunk: Buffer | string) => {
    seen += chunk.toString();
    answer();
  });
  answer();
}

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
// Colour and cursor movement (npm's prompt clears its line first), which a terminal shows and a test does not need.
const terminalCodes = /\u001b\[[0-9;?]*[A-Za-z]/g;

// script -q (no banner) -f (flush as written) -e (npm's exit code) -c <command>, its typescript to /dev/null. Its
// stdin becomes the terminal's keyboard, where Enter is a carriage return. stdin stays open until npm exits, so an
// unanswered prompt waits (and the run times out) rather than reading an end of input.
function runInTerminal(args: readonly string[], home: string, answers: readonly PromptAnswer[]): Promise<{ code: number; output: string }> {
  const command = [process.execPath, ...args].map(shellQuote).join(' ');
  const child = spawn(scriptCommand, ['-qfec', command, '/dev/null'], { env: sealedEnv(home), cwd: home, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  answerPrompts(child, answers, '\r', () => undefined);
  const timer = setTimeout(() => child.kill(), runTimeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code: code ?? 1, output: output.replace(terminalCodes, '').replace(/\r\n?/g, '\n') });
    });
  });
}
