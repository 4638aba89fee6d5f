// The audit log: GET /account/events (a page, newest first, filtered, cursor-paginated), /account/events/summary
// (sign-in counts over a time range), /account/events/head (the end of the account's hash chain) and
// /account/events/export (all of it, streamed). Tallies of refused sign-ins whose window has ended become events
// before any of them reads the log, so each sees the same log.
import type { FastifyInstance } from 'fastify';
import { EventsExportQuery, EventsQuery, type EventsHead } from '../../contract/event-schemas.ts';
import { routes } from '../../contract/routes.ts';
import { EventSummaryQuery, type EventSummary, type EventsResponse } from '../../contract/schemas.ts';
import type { EventFilter } from '../../store/event-repository.ts';
import type { AppContext } from '../app-context.ts';
import { toAuditEvent, toEventsHead } from '../audit-event.ts';
import { ApiError } from '../errors.ts';
import { decodeEventCursor, encodeEventCursor } from '../event-cursor.ts';
import { eventExportStream, exportMediaTypes } from '../event-export.ts';
import { createExportSlots } from '../export-slots.ts';
import { iso } from '../iso-time.ts';
import { addSessionRoute } from '../route-registration.ts';
import { parseWith } from '../validation.ts';

type FilterQuery = Pick<EventsQuery, 'type' | 'since' | 'until' | 'ip'>;

function filterOf(query: FilterQuery): EventFilter {
  return {
    ...(query.type === undefined ? {} : { types: query.type }),
    ...(query.since === undefined ? {} : { since: Date.parse(query.since) }),
    ...(query.until === undefined ? {} : { until: Date.parse(query.until) }),
    ...(query.ip === undefined ? {} : { ip: query.ip }),
  };
}

export function registerEventRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, tallies } = context;
  const exportSlots = createExportSlots();

  addSessionRoute(app, context, routes.listEvents, async ({ request, session }): Promise<EventsResponse> => {
    // A repeated ?type= arrives as an array and a single one as a string; the schema takes both.
    const query = parseWith(EventsQuery, request.query, 'query');
    const before = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
    if (before === null) throw new ApiError(400, 'invalid_request', 'cursor: not a cursor this server issued');
    tallies.closeEnded();
    // One extra row tells whether another page exists without a second query.
    const rows = store.events.list(session.accountId, query.limit + 1, filterOf(query), before);
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

  addSessionRoute(app, context, routes.eventsHead, async ({ session }): Promise<EventsHead> => {
    tallies.closeEnded();
    return toEventsHead(store.events.head(session.accountId));
  });

  addSessionRoute(app, context, routes.exportEvents, async ({ request, reply, session, now }) => {
    const query = parseWith(EventsExportQuery, request.query, 'query');
    tallies.closeEnded();
    const username = store.accounts.usernameOf(session.accountId) ?? 'account';
    const release = exportSlots.take(session.accountId);
    if (!release) {
      throw new ApiError(429, 'rate_limited', 'Two exports of this log are already running; try again when one has finished', {
        'Retry-After': '5',
      });
    }
    const stream = eventExportStream(store.openReader(), {
      accountId: session.accountId,
      filter: filterOf(query),
      order: query.order ?? (query.format === 'chain' ? 'chain' : 'newest'),
      format: query.format,
    });
    // Ended, failed or abandoned by the client: Fastify destroys the stream, which closes it.
    stream.once('close', release);
    // Usernames are letters, digits, ".", "_" and "-": safe inside the quoted filename as they are.
    const file = `${username}-events-${iso(now).slice(0, 10)}.${query.format === 'chain' ? 'chain.txt' : query.format}`;
    return reply
      .header('content-type', exportMediaTypes[query.format])
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(stream);
  });
}
