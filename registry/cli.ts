// The registry's command line: run the server, or add a user or a project to a data folder, or seed an account's
// history (also while the server runs).
//   node registry/cli.ts --port <n> --data <dir> [--seed demo] [--log] [--confirm-window <seconds>] [--name <issuer>]
//   node registry/cli.ts user add <name> --password-stdin --data <dir> [--totp] [--name <issuer>]
//   node registry/cli.ts project add|add-collaborator|remove-collaborator … --data <dir> (project-commands.ts)
//   node registry/cli.ts seed history <user> --events <n> --data <dir> (seed-commands.ts)
import { parseArgs } from 'node:util';
import { projectUsage, runProjectCommand } from './project-commands.ts';
import { HistorySeedError } from './seed/account-history.ts';
import { runSeedCommand, seedUsage } from './seed-commands.ts';
import { checkNewPassword } from './security/password-policy.ts';
import { otpauthUri } from './security/totp.ts';
import { AccountCreationError, createAccount, validateNewAccount } from './server/accounts.ts';
import { ProjectAdminError } from './server/project-admin.ts';
import { defaultConfirmWindowMs, defaultRegistryName, startRegistry } from './server/start-registry.ts';
import { UsageError } from './usage-error.ts';

const usage = `Vigil reference registry (Registry Security API)

Usage:
  node registry/cli.ts --port <n> --data <dir> [--seed demo] [--log] [--confirm-window <seconds>] [--name <issuer>]
      Serve the API on http://127.0.0.1:<n> (0 picks a free port) over the data folder <dir>.
      --seed demo                 create the demo account (demo / vigil-demo-password, TOTP secret
                                  JBSWY3DPEHPK3PXP) with five weeks of history, unless it already exists
      --log                       log requests to stdout as JSON
      --confirm-window <seconds>  how long sensitive actions (2FA, recovery codes, password) are allowed after
                                  signing in or confirming access (default ${defaultConfirmWindowMs / 1000})
      --name <issuer>             the registry's name, shown in authenticator apps (default "${defaultRegistryName}")

  node registry/cli.ts user add <name> --password-stdin --data <dir> [--totp] [--name <issuer>]
      Create an account; the password is read from standard input and must be at least 12 characters, not
      contain the user name and not be easy to guess. Prints {"username","totpSecret","recoveryCodes"} as JSON
      (the last two only with --totp; they are shown once). On a terminal, --totp also prints the otpauth://
      URI for authenticator apps (issuer from --name).

${projectUsage}
${seedUsage}
  node registry/cli.ts --help
`;

class WeakPasswordError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

async function addUser(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'password-stdin': { type: 'boolean' },
      data: { type: 'string' },
      totp: { type: 'boolean' },
      name: { type: 'string' },
    },
  });
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new UsageError('user add takes exactly one user name');
  if (!values.data) throw new UsageError('--data <dir> is required');
  if (!values['password-stdin']) {
    throw new UsageError('--password-stdin is required (passwords are never taken as arguments)');
  }
  if (values.name !== undefined && values.name.trim() === '') throw new UsageError('--name must not be empty');
  // Only the line ending that `echo` or a heredoc adds is dropped; other whitespace is part of the password.
  const password = (await readStdin()).replace(/\r?\n$/, '');
  if (password.length === 0) throw new UsageError('The password read from standard input is empty');
  validateNewAccount(username, password);
  // The same policy the API applies to a changed password; createAccount itself does not (tests and seeds).
  const verdict = await checkNewPassword(password, username);
  if (!verdict.acceptable) throw new WeakPasswordError(`weak password: ${verdict.reason}`);
  const created = await createAccount(values.data, { username, password, totp: values.totp ?? false });
  // The JSON stays the first line, so scripts can read it whatever else a person at a terminal is shown.
  process.stdout.write(`${JSON.stringify(created)}\n`);
  if (process.stdout.isTTY && created.totpSecret !== undefined) {
    const uri = otpauthUri({ secret: created.totpSecret, issuer: values.name ?? defaultRegistryName, account: created.username });
    process.stdout.write(`\nAuthenticator app URI: ${uri}\n`);
    process.stderr.write(
      'Warning: the TOTP secret and recovery codes above are shown only this once. Store them somewhere safe now.\n',
    );
  }
}

function parseConfirmWindow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > 86_400) {
    throw new UsageError(`--confirm-window must be a whole number of seconds from 1 to 86400, not "${value}"`);
  }
  return seconds * 1000;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  }
  return port;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      log: { type: 'boolean' },
      'confirm-window': { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!values.data) throw new UsageError('--data <dir> is required');
  if (values.seed !== undefined && values.seed !== 'demo') throw new UsageError('--seed only knows "demo"');
  if (values.name !== undefined && values.name.trim() === '') throw new UsageError('--name must not be empty');
  const registry = await startRegistry({
    dataDir: values.data,
    port: parsePort(values.port),
    seed: values.seed === 'demo' ? 'demo' : undefined,
    logger: values.log ?? false,
    confirmWindowMs: parseConfirmWindow(values['confirm-window']),
    name: values.name,
  });
  process.stdout.write(`Registry listening on ${registry.url}\n`);
  const stop = () => {
    registry.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return;
  }
  if (argv[0] === 'user') {
    if (argv[1] !== 'add') throw new UsageError('Unknown command; did you mean "user add"?');
    return addUser(argv.slice(2));
  }
  if (argv[0] === 'project') return runProjectCommand(argv.slice(1));
  if (argv[0] === 'seed') return runSeedCommand(argv.slice(1));
  return serve(argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof AccountCreationError ||
    error instanceof WeakPasswordError ||
    error instanceof ProjectAdminError ||
    error instanceof HistorySeedError
  ) {
    process.stderr.write(`error: ${error.message}\n`);
    if (error instanceof UsageError) process.stderr.write('Run with --help for usage.\n');
  } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`error: ${error.message}\nRun with --help for usage.\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
