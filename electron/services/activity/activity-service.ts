// The Activity page in main: the account's audit log, page by page, each event with its place, device and flags;
// the flagged sign-ins not yet answered ("Was this you?"); sign-ins per day; the log exported; and whether the log
// is intact (its hash chain, see account-log.ts). Analysis and what was verified stay in memory per account; the
// owner's answers to "Was this you?" and the last head verified are kept in the settings (ids and a hash, nothing
// secret).
import type { EventsHead } from '../../../registry/contract/event-schemas.ts';
import type { AuditEvent } from '../../../registry/contract/schemas.ts';
import type { AccountRef, ActivityFilter, ActivityRow, DayCount, ReviewAnswer } from '../../ipc/contract.ts';
import { AppError } from '../app-error.ts';
import type { RegistryCaller } from '../registry-caller.ts';
import type { SecretOutlet } from '../secret-outlet.ts';
import type { SessionService } from '../session-service.ts';
import type { SettingsStore } from '../settings-store.ts';
import { createAccountLog, type AccountLog, type LogIntegrity, type LogSource, type RememberedHead } from './account-log.ts';
import { createActivityAnalyzer } from './activity-analyzer.ts';
import { activityCsv, activityJson } from './activity-export.ts';
import { reviewableEventTypes } from './activity-flags.ts';
import type { Geolocator } from './geolocation.ts';
import { selectsWholeLog, wholeLogTotal } from './list-total.ts';
import { signInsPerDay } from './sign-ins-per-day.ts';

// The registry's largest page.
const readPage = 500;
const shownPage = 100;
// Rows in one export: the file is built in memory (and in a browser tab, handed to the page whole).
const defaultExportLimit = 100_000;

export interface ActivityServiceOptions {
  call: RegistryCaller;
  sessions: SessionService;
  settings: SettingsStore;
  outlet: Pick<SecretOutlet, 'kind' | 'save'>;
  /** Opened lazily: the IP database is large, and only this page needs it. */
  geolocator: () => Promise<Geolocator>;
  now?: () => number;
  exportLimit?: number;
}

const unread: LogIntegrity = { state: 'unread', checking: null, verified: 0, problem: null, interrupted: false };

const keyOf = (account: AccountRef) => `${account.username}@${account.registryUrl}`;

export function createActivityService(options: ActivityServiceOptions) {
  const { call, sessions, settings, outlet } = options;
  const now = options.now ?? Date.now;
  const exportLimit = options.exportLimit ?? defaultExportLimit;
  const accounts = new Map<string, Promise<AccountLog>>();
  // The head each account's log last read (every catch-up reads one): how many events the whole list holds.
  const heads = new Map<string, EventsHead>();

  async function accountOf(account?: AccountRef): Promise<AccountRef> {
    const session = await sessions.activeSession(account);
    if (!session) throw new AppError('not_signed_in', account ? 'That account is not signed in any more.' : 'Sign in to continue.');
    return session.account;
  }

  function sourceFor(account: AccountRef): LogSource {
    return {
      head: async () => {
        const head = await call((client, { token }) => client.eventsHead(token), account);
        heads.set(keyOf(account), head);
        return head;
      },
      streamChain: (sink) => call((client, { token }) => client.streamChain(token, sink), account),
      async newerThan(id) {
        const newer: AuditEvent[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await call((client, { token }) => client.listEvents(token, { limit: readPage, ...(cursor ? { cursor } : {}) }), account);
          const fresh = page.events.filter((event) => Number(event.id) > Number(id));
          newer.push(...fresh);
          if (fresh.length < page.events.length || !page.nextCursor) return newer;
          cursor = page.nextCursor;
        }
      },
    };
  }

  function headMemoryFor(account: AccountRef) {
    const key = keyOf(account);
    return {
      read: async () => (await settings.read()).activityHeads?.[key],
      write: async (head: RememberedHead) => {
        await settings.update((current) => ({ ...current, activityHeads: { ...current.activityHeads, [key]: head } }));
      },
    };
  }

  function logOf(account: AccountRef): Promise<AccountLog> {
    const key = keyOf(account);
    let log = accounts.get(key);
    if (!log) {
      log = options
        .geolocator()
        .then((geolocator) => createAccountLog({ analyzer: createActivityAnalyzer({ geolocator }), source: sourceFor(account), memory: headMemoryFor(account), now }));
      accounts.set(key, log);
      log.catch(() => accounts.delete(key));
    }
    return log;
  }

  async function analysed(account: AccountRef): Promise<AccountLog> {
    const log = await logOf(account);
    await log.catchUp();
    return log;
  }

  /** The owner's answers to "Was this you?" for this account, by event id. */
  async function answersOf(account: AccountRef): Promise<ReadonlyMap<string, ReviewAnswer>> {
    const current = await settings.read();
    const key = keyOf(account);
    return new Map<string, ReviewAnswer>([
      ...(current.reviewedEvents?.[key] ?? []).map((id) => [id, 'me'] as const),
      ...(current.disownedEvents?.[key] ?? []).map((id) => [id, 'not-me'] as const),
    ]);
  }

  function row(activity: AccountLog, event: AuditEvent, answers: ReadonlyMap<string, ReviewAnswer>): ActivityRow {
    const { placeLabel, device } = activity.analyzer.describe(event);
    return { ...event, place: placeLabel, device: device.label, flags: [...activity.analyzer.flagsFor(event.id)], answer: answers.get(event.id) ?? null };
  }

  function matches(event: AuditEvent, filter: ActivityFilter): boolean {
    const time = Date.parse(event.time);
    return (
      (!filter.types || filter.types.length === 0 || filter.types.includes(event.type)) &&
      (!filter.since || time >= Date.parse(filter.since)) &&
      (!filter.until || time < Date.parse(filter.until)) &&
      (!filter.ip || event.ip === filter.ip)
    );
  }

  /** The flagged events that pass the filter, newest first. */
  function flaggedMatching(activity: AccountLog, filter: ActivityFilter): AuditEvent[] {
    return [...activity.flaggedEvents.values()].filter((event) => matches(event, filter)).reverse();
  }

  async function listPage(account: AccountRef, filter: ActivityFilter, cursor: string | undefined, size: number) {
    const activity = await analysed(account);
    // Read before the page is asked for: the head is then no newer than the page (list-total.ts).
    const head = heads.get(keyOf(account));
    const answers = await answersOf(account);
    if (filter.flaggedOnly) {
      // The flagged events are all in memory: the cursor is the position in that newest-first list.
      const start = cursor === undefined ? 0 : Number(/^f(\d{1,9})$/.exec(cursor)?.[1] ?? NaN);
      if (!Number.isSafeInteger(start)) throw new AppError('invalid_request', 'cursor: not one this page issued');
      const all = flaggedMatching(activity, filter);
      const events = all.slice(start, start + size).map((event) => row(activity, event, answers));
      return { events, nextCursor: start + size < all.length ? `f${start + size}` : null, total: cursor === undefined ? all.length : null };
    }
    const types = filter.types && filter.types.length > 0 ? { types: filter.types } : {};
    const page = await call(
      (client, { token }) =>
        client.listEvents(token, {
          limit: size,
          ...types,
          ...(cursor ? { cursor } : {}),
          ...(filter.since ? { since: filter.since } : {}),
          ...(filter.until ? { until: filter.until } : {}),
          ...(filter.ip ? { ip: filter.ip } : {}),
        }),
      account,
    );
    activity.checkPage(page.events);
    const total = cursor === undefined && head && selectsWholeLog(filter) ? wholeLogTotal(head, page.events) : null;
    return { events: page.events.map((event) => row(activity, event, answers)), nextCursor: page.nextCursor, total };
  }

  return {
    async list(request: { account?: AccountRef; filter: ActivityFilter; cursor?: string }) {
      return listPage(await accountOf(request.account), request.filter, request.cursor, shownPage);
    },

    async flagged(request?: { account?: AccountRef }) {
      const account = await accountOf(request?.account);
      const activity = await analysed(account);
      const answers = await answersOf(account);
      // The sign-in that opened this console's own session was the person asking: never put it to them.
      const { sessions: open } = await call((client, { token }) => client.listSessions(token), account);
      const ownStart = Date.parse(open.find((session) => session.current)?.createdAt ?? '');
      const isOwnSignIn = (event: AuditEvent) => event.type === 'login.success' && Math.abs(Date.parse(event.time) - ownStart) < 1000;
      const events = flaggedMatching(activity, {})
        .filter((event) => reviewableEventTypes.has(event.type) && !answers.has(event.id) && !isOwnSignIn(event))
        .map((event) => row(activity, event, answers));
      return { events };
    },

    async signInsPerDay(request?: { account?: AccountRef }): Promise<{ days: DayCount[] }> {
      const activity = await analysed(await accountOf(request?.account));
      return { days: signInsPerDay(activity.signIns, now()) };
    },

    /** Whether the log is intact, and how far a read of the whole log has got; never waits for the registry. */
    async integrity(request?: { account?: AccountRef }): Promise<LogIntegrity> {
      const log = accounts.get(keyOf(await accountOf(request?.account)));
      return log ? (await log).integrity() : unread;
    },

    /** "Verify whole history": starts reading every event again and answers at once; integrity() tells how far. */
    async verify(request?: { account?: AccountRef }): Promise<LogIntegrity> {
      const log = await logOf(await accountOf(request?.account));
      if (log.integrity().state !== 'checking') {
        // Failures are in integrity(): interrupted, or a problem found.
        void log.verifyWhole().catch(() => undefined);
      }
      return log.integrity();
    },

    async review(request: { account: AccountRef; eventId: string; answer: ReviewAnswer }) {
      const account = await accountOf(request.account);
      const activity = await analysed(account);
      if (!activity.flaggedEvents.has(request.eventId)) throw new AppError('not_found', 'That event is not one of the flagged ones.');
      const key = keyOf(account);
      // One answer per event: the new one replaces the other.
      const answered = (ids: readonly string[] | undefined, answer: ReviewAnswer) => {
        const kept = (ids ?? []).filter((id) => id !== request.eventId);
        if (answer === request.answer) kept.push(request.eventId);
        return kept.slice(-10_000);
      };
      await settings.update((current) => ({
        ...current,
        reviewedEvents: { ...current.reviewedEvents, [key]: answered(current.reviewedEvents?.[key], 'me') },
        disownedEvents: { ...current.disownedEvents, [key]: answered(current.disownedEvents?.[key], 'not-me') },
      }));
      return { done: true as const };
    },

    async export(request: { format: 'csv' | 'json'; filter: ActivityFilter }) {
      const account = await accountOf();
      const rows: ActivityRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await listPage(account, request.filter, cursor, readPage);
        rows.push(...page.events);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < exportLimit);
      // Past the limit, the newest rows are exported and the answer says so (the dates narrow an export to the rest).
      const limited = rows.length > exportLimit || cursor !== undefined;
      if (rows.length > exportLimit) rows.length = exportLimit;
      const limit = limited ? { limitedTo: rows.length } : {};
      const stamp = new Date(now()).toISOString().slice(0, 10);
      const fileName = `vigil-activity-${account.username.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.${request.format}`;
      const content = request.format === 'csv' ? activityCsv(rows) : activityJson(rows, account, new Date(now()));
      const mediaType = request.format === 'csv' ? 'text/csv' : 'application/json';
      if (outlet.kind === 'page') return { savedBy: 'page' as const, fileName, mediaType, content, ...limit };
      return { savedBy: 'main' as const, saved: (await outlet.save(fileName, content)).saved, ...limit };
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
