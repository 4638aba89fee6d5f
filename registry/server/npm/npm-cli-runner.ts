// Runs the pinned npm CLI (node_modules/npm) against a test registry, as a user would, but sealed off: its own
// HOME, cache and userconfig in a temp folder, no update check, and none of the npm_* variables `npm test` puts
// in this process's environment (they would override the test's config) nor proxy settings (only 127.0.0.1 is
// ever contacted). Asynchronous, because the registry answering it runs in this same process.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const npmCli = path.resolve(import.meta.dirname, '../../../node_modules/npm/bin/npm-cli.js');

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
    run(args, { authToken, answers = [] } = {}) {
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
      return new Promise((resolve) => {
        const child = execFile(process.execPath, fullArgs, { env: sealedEnv(home), cwd: home, timeout: 60_000 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr, userconfig: fs.readFileSync(userconfig, 'utf8') });
        });
        // Without a terminal npm still prompts, but each prompt reads its own line: typing ahead would hand both
        // lines to the first. So each answer waits for its prompt, and stdin closes after the last.
        let seen = '';
        let next = 0;
        const answerPrompts = () => {
          while (next < answers.length && seen.includes(answers[next]!.prompt)) {
            seen = seen.slice(seen.indexOf(answers[next]!.prompt) + answers[next]!.prompt.length);
            child.stdin?.write(`${answers[next]!.answer}\n`);
            next += 1;
          }
          if (next === answers.length) child.stdin?.end();
        };
        child.stdout?.on('data', (chunk: Buffer | string) => {
          seen += chunk.toString();
          answerPrompts();
        });
        answerPrompts();
      });
    },
    cleanup() {
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
