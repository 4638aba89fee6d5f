// GET /account (security posture), GET /account/events (the audit log, newest first, cursor-paginated, optionally
// of some types only) and GET /account/events/summary (sign-in counts over a time range).
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import {
  EventSummaryQuery,
  EventsQuery,
  type AuditEvent,
  type EventSummary,
  type EventsResponse,
} from '../../contract/schemas.ts';
import type { EventRecord } from '../../store/event-repository.ts';
import { accountView } from '../account-view.ts';
import type { AppContext } from '../app-context.ts';
import { ApiError } from '../errors.ts';
import { decodeEventCursor, encodeEventCursor } from '../event-cursor.ts';
import { iso } from '../iso-time.ts';
import { addSessionRoute } from '../route-registration.ts';
import { parseWith } from '../validation.ts';

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

export function registerAccountRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, tallies } = context;

  addSessionRoute(app, context, routes.getAccount, async ({ session }) => accountView(store, session));

  addSessionRoute(app, context, routes.listEvents, async ({ request, session }): Promise<EventsResponse> => {
    // A repeated ?type= arrives as an array and a single one as a string; the schema takes both.
    const query = parseWith(EventsQuery, request.query, 'query');
    tallies.closeEnded();
    const before = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
    if (before === null) throw new ApiError(400, 'invalid_request', 'cursor: not a cursor this server issued');
    // One extra row tells whether another page exists without a second query.
    const rows = store.events.list(session.accountId, query.limit + 1, before, query.type);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeEventCursor({ time: last.time, id: last.id }) : null;
    return { events: page.map(toAuditEvent), nextCursor };
  });

  addSessionRoute(app, context, routes.summarizeEvents, async ({ request, session, now }): Promise<EventSummary> => {
    const { accountId } = session;
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
  });
}
