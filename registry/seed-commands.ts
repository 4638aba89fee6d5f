// The CLI's `seed` command, which works on a data folder:
//   seed history <user> --events <n> --data <dir> [--seed <n>] [--until <ISO time>]
// It prints one line of JSON saying what it did. It may run beside the server, but its one transaction holds the
// database's write lock throughout, and the server's writes give up after waiting 5 seconds.
import { parseArgs } from 'node:util';
import { Timestamp } from './contract/schemas.ts';
import { maxHistoryEvents, minHistoryEvents, seedAccountHistory } from './seed/account-history.ts';
import { openStore } from './store/store.ts';
import { UsageError } from './usage-error.ts';

export const seedUsage = `  node registry/cli.ts seed history <user> --events <n> --data <dir> [--seed <n>] [--until <time>]
      Append a long, realistic history of <n> events (${minHistoryEvents.toLocaleString('en')} to ${maxHistoryEvents.toLocaleString('en')}) to the audit log of the existing account
      <user>, in one transaction (a million in about half a minute): devices at home and at the office in
      Germany and on trips abroad, with real public addresses of ISPs in each country; release automation from
      CI; password-guessing bursts from abroad cut off by the rate limit, one that then succeeds and the lockdown
      after it; token rotation, recovery codes used, 2FA turned off and on, password changes. The same --seed
      (a whole number, default 1) and --until (an ISO time the history ends the day before; default now) give
      the same events. Each joins the account's hash chain. Prints {"username","events","from","until","head"}.
      Stop the server first for large histories: it cannot write (sign-ins fail) until the seed commits.
`;

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const number = Number(value.replaceAll('_', ''));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

export function runSeedCommand(argv: string[]): void {
  const [what, ...args] = argv;
  if (what !== 'history') throw new UsageError('Unknown command; did you mean "seed history"?');
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, events: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('seed history takes exactly one user name');
  if (!values.data) throw new UsageError('--data <dir> is required');
  if (values.events === undefined) throw new UsageError('--events <n> is required');
  const events = wholeNumber('--events', values.events, minHistoryEvents, maxHistoryEvents);
  const seed = values.seed === undefined ? 1 : wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1);
  if (values.until !== undefined && !Timestamp.safeParse(values.until).success) {
    throw new UsageError(`--until must be an ISO time such as 2025-01-31T00:00:00Z, not "${values.until}"`);
  }
  const until = values.until === undefined ? Date.now() : Date.parse(values.until);
  const store = openStore(values.data);
  try {
    const seeded = seedAccountHistory(store, positionals[0]!, { events, seed, until });
    process.stdout.write(`${JSON.stringify(seeded)}\n`);
  } finally {
    store.close();
  }
}
