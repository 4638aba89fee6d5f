// What the registry acknowledged, it keeps: the real registry process is killed with SIGKILL in the middle of a
// stream of sign-ins, and afterwards every attempt it had answered has its audit event (or, refused while rate
// limited, its place in a tally), every session it issued still works, and the database passes SQLite's
// integrity check. (With synchronous=FULL each commit is also
// synced to disk before the answer goes out, which a kill cannot show but power loss would.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createAccount } from '../registry/server/accounts.ts';
import { fastHashing } from '../registry/server/test-support.ts';
import { openStore } from '../registry/store/store.ts';

const root = path.resolve(import.meta.dirname, '..');
// Few enough that their limits (10 failures each) are reached: the stream then also gets 429s.
const accounts = 20;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-durability-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function startServer(): Promise<{ url: string; kill(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, 'registry/cli.ts'), '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url) resolve({ url, kill: () => (child.kill('SIGKILL'), exited) });
    });
  });
}

interface Answer {
  userAgent: string;
  status: number;
  token?: string;
}

function signIn(url: string, username: string, password: string, userAgent: string, from: string): Promise<Answer | null> {
  return new Promise((resolve) => {
    const request = http.request(
      `${url}/api/v1/session`,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'user-agent': userAgent } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk));
        response.on('end', () => resolve({ userAgent, status: response.statusCode ?? 0, token: response.statusCode === 200 ? JSON.parse(body).token : undefined }));
        response.on('error', () => resolve(null));
      },
    );
    // A request cut off by the kill was never acknowledged.
    request.on('error', () => resolve(null));
    request.end(JSON.stringify({ username, password }));
  });
}

test('after kill -9 under load, every acknowledged sign-in has its event and every issued session works', async () => {
  const store = openStore(dataDir);
  try {
    for (let i = 0; i < accounts; i += 1) {
      await createAccount(store, { username: `user${i}`, password: `password-${i}`, totp: false }, { passwordHashing: fastHashing });
    }
  } finally {
    store.close();
  }

  const server = await startServer();
  const answers: Answer[] = [];
  let sent = 0;
  let killed = false;
  // Eight clients: mostly wrong passwords (a failure event each), every fifth attempt a right one (a session).
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (!killed) {
        const n = sent++;
        const user = n % accounts;
        const right = n % 5 === 0;
        const answer = await signIn(server.url, `user${user}`, right ? `password-${user}` : 'wrong', `durability/${n}`, `127.3.${Math.floor(n / 250)}.${(n % 250) + 1}`);
        if (answer) answers.push(answer);
        if (answers.length >= 400 && !killed) {
          killed = true;
          await server.kill();
        }
      }
    }),
  );
  assert.ok(answers.length >= 400);
  const acknowledged = answers.filter((answer) => answer.status === 200 || answer.status === 401);
  assert.ok(acknowledged.some((answer) => answer.status === 200) && acknowledged.some((answer) => answer.status === 401));
  const refused = answers.filter((answer) => answer.status === 429);
  assert.ok(refused.length > 0, 'the limits were reached');

  const reopened = openStore(dataDir);
  try {
    assert.equal((reopened.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
    const logged = new Map(
      (reopened.db.prepare("SELECT user_agent, type FROM events WHERE user_agent LIKE 'durability/%'").all() as { user_agent: string; type: string }[])
        .map((row) => [row.user_agent, row.type]),
    );
    for (const answer of acknowledged) {
      assert.equal(logged.get(answer.userAgent), answer.status === 200 ? 'login.success' : 'login.failure', answer.userAgent);
    }
    // Each refusal came from its own address, so each is a tally of one (still open, or already an event).
    const tallied = new Set(
      (reopened.db.prepare("SELECT user_agent FROM refusal_tallies WHERE user_agent LIKE 'durability/%'").all() as { user_agent: string }[])
        .map((row) => row.user_agent),
    );
    for (const answer of refused) {
      assert.ok(tallied.has(answer.userAgent) || logged.get(answer.userAgent) === 'login.rate_limited', answer.userAgent);
    }
  } finally {
    reopened.close();
  }

  const restarted = await startServer();
  try {
    for (const { token } of acknowledged.filter((answer) => answer.token)) {
      const account = await fetch(`${restarted.url}/api/v1/account`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(account.status, 200);
    }
  } finally {
    await restarted.kill();
  }
});
