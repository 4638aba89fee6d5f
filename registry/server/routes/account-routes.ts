// GET /account (security posture), GET /account/events (the audit log, newest first, cursor-paginated) and
// GET /account/events/summary (sign-in counts over a time range).
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import {
  EventSummaryQuery,
  EventsQuery,
  type Account,
  type AuditEvent,
  type EventSummary,
  type EventsResponse,
} from '../../contract/schemas.ts';
import type { EventRecord } from '../../store/event-repository.ts';
import type { AppContext } from '../app-context.ts';
import { requireSession } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { decodeEventCursor, encodeEventCursor } from '../event-cursor.ts';
import { parseWith } from '../validation.ts';

const iso = (time: number): string => new Date(time).toISOString();

function toAuditEvent(event: EventRecord): AuditEvent {
  return {
    id: String(event.id),
    type: event.type,
    time: iso(event.time),
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
  };
}

export function registerAccountRoutes(app: FastifyInstance, { store, clock, tallies }: AppContext): void {
  app.route({
    method: routes.getAccount.method,
    url: routes.getAccount.path,
    handler: async (request): Promise<Account> => {
      const { accountId } = requireSession(request, store, clock());
      const account = store.accounts.findById(accountId);
      if (!account) throw new ApiError(401, 'unauthenticated', 'The account no longer exists');
      const enabled = account.totpSecret !== null;
      const last = store.events.latestOfType(accountId, 'login.success');
      return {
        username: account.username,
        createdAt: iso(account.createdAt),
        twoFactor: {
          enabled,
          methods: enabled ? ['totp'] : [],
          recoveryCodesRemaining: store.recoveryCodes.countRemaining(accountId),
        },
        lastSignIn: last ? { time: iso(last.time), ip: last.ip, userAgent: last.userAgent } : null,
      };
    },
  });

  app.route({
    method: routes.listEvents.method,
    url: routes.listEvents.path,
    handler: async (request): Promise<EventsResponse> => {
      const { accountId } = requireSession(request, store, clock());
      const query = parseWith(EventsQuery, request.query, 'query');
      tallies.closeEnded();
      const before = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
      if (before === null) throw new ApiError(400, 'invalid_request', 'cursor: not a cursor this server issued');
      // One extra row tells whether another page exists without a second query.
      const rows = store.events.list(accountId, query.limit + 1, before);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor = rows.length > query.limit && last ? encodeEventCursor({ time: last.time, id: last.id }) : null;
      return { events: page.map(toAuditEvent), nextCursor };
    },
  });

  app.route({
    method: routes.summarizeEvents.method,
    url: routes.summarizeEvents.path,
    handler: async (request): Promise<EventSummary> => {
      const now = clock();
      const { accountId } = requireSession(request, store, now);
      const since = Date.parse(parseWith(EventSummaryQuery, request.query, 'query').since);
      // A tally counts at its first refusal, in the event it becomes or while still open.
      const rateLimited =
        store.events.sumCounts(accountId, 'login.rate_limited', since, now) + store.refusalTallies.count(accountId, since, now);
      return {
        since: iso(since),
        until: iso(now),
        successfulSignIns: store.events.count(accountId, 'login.success', since, now),
        failedSignIns: store.events.count(accountId, 'login.failure', since, now) + rateLimited,
        rateLimitedSignIns: rateLimited,
      };
    },
  });
}
