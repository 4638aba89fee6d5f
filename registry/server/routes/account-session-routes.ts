// The account's sessions: list the active ones, end one, or end all but the calling one (reason "revoked").
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import { SessionIdParams, type EndOthersResponse, type SessionsResponse } from '../../contract/schemas.ts';
import { transaction } from '../../store/database.ts';
import type { AppContext } from '../app-context.ts';
import { ApiError } from '../errors.ts';
import { iso } from '../iso-time.ts';
import { addSessionRoute } from '../route-registration.ts';
import { recordSessionEnded } from '../session-events.ts';
import { parseWith } from '../validation.ts';

export function registerAccountSessionRoutes(app: FastifyInstance, { store, clock }: AppContext): void {
  const context = { store, clock };

  addSessionRoute(app, context, routes.listSessions, async ({ session, now }): Promise<SessionsResponse> => ({
    sessions: store.sessions.listActive(session.accountId, now).map((active) => ({
      id: String(active.id),
      createdAt: iso(active.createdAt),
      lastSeenAt: iso(active.lastSeenAt),
      ip: active.ip,
      userAgent: active.userAgent,
      current: active.id === session.sessionId,
    })),
  }));

  addSessionRoute(app, context, routes.endAccountSession, async ({ request, reply, session, now, who }) => {
    const id = Number(parseWith(SessionIdParams, request.params, 'path').id);
    // Another account's session answers as an unknown one does, so ids cannot be probed.
    const ended =
      Number.isSafeInteger(id) &&
      transaction(store.db, () => {
        if (!store.sessions.endOwn(session.accountId, id, now)) return false;
        recordSessionEnded(store, { accountId: session.accountId, time: now, who, reason: 'revoked', sessionId: id });
        return true;
      });
    if (!ended) throw new ApiError(404, 'not_found', 'This account has no active session with that id');
    return reply.code(204).send();
  });

  addSessionRoute(app, context, routes.endOtherSessions, async ({ session, now, who }): Promise<EndOthersResponse> => {
    const ended = transaction(store.db, () => {
      const ids = store.sessions.endOthers(session.accountId, session.sessionId, now);
      for (const id of ids) {
        recordSessionEnded(store, { accountId: session.accountId, time: now, who, reason: 'revoked', sessionId: id });
      }
      return ids.length;
    });
    return { ended };
  });
}
