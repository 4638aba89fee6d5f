// Writes events onto the end of their accounts' hash chains (contract/event-chain.ts). An event's hash covers its
// id, so the id is chosen here, before the insert, as the one AUTOINCREMENT would give. An appender reads each
// chain's head once and then keeps it, so it is only valid inside one write transaction: a batch of a million
// seeded events costs one head lookup, not a million.
import type { DatabaseSync } from 'node:sqlite';
import { eventHash, genesisHash } from '../contract/event-chain.ts';
import type { EventType } from '../contract/schemas.ts';
import { statement } from './statement-cache.ts';

export type EventDetails = Record<string, string | number | boolean | null>;

export interface NewEvent {
  accountId: number;
  type: EventType;
  time: number;
  ip: string;
  userAgent: string;
  details: EventDetails;
}

/** The end of an account's chain: how many events it has and the last one's hash (genesisHash when none). */
export interface ChainLink {
  seq: number;
  id: number | null;
  hash: string;
}

const emptyChain: ChainLink = { seq: 0, id: null, hash: genesisHash };

const headSql = 'SELECT seq, id, hash FROM events WHERE account_id = ? ORDER BY seq DESC LIMIT 1';
// AUTOINCREMENT's next id: past every id ever handed out (sqlite_sequence), which with nothing ever deleted is also
// past the largest id in the table.
const nextIdSql = `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
  coalesce((SELECT max(id) FROM events), 0)) + 1 AS next`;
const insertSql = `INSERT INTO events (id, account_id, seq, type, time, ip, user_agent, details, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The head of an account's chain as stored. */
export function chainHead(db: DatabaseSync, accountId: number): ChainLink {
  const row = statement(db, headSql).get(accountId) as { seq: number; id: number; hash: string } | undefined;
  return row ? { seq: Number(row.seq), id: Number(row.id), hash: row.hash } : emptyChain;
}

/** The next link of a chain whose head is `head`: the event's position and hashes. */
export function nextLink(head: ChainLink, id: number, event: Omit<NewEvent, 'accountId'>): { seq: number; prevHash: string; hash: string } {
  const hash = eventHash(head.hash, {
    id: String(id),
    type: event.type,
    // The API's time text (server/iso-time.ts writes the same).
    time: new Date(event.time).toISOString(),
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
  });
  return { seq: head.seq + 1, prevHash: head.hash, hash };
}

export class EventAppender {
  private readonly db: DatabaseSync;
  private readonly heads = new Map<number, ChainLink>();
  private nextId: number;

  /** Call inside a write transaction, and use only within it. */
  constructor(db: DatabaseSync) {
    if (!db.isTransaction) throw new Error('an event appender works inside a write transaction');
    this.db = db;
    this.nextId = Number((statement(db, nextIdSql).get() as { next: number }).next);
  }

  /** Appends the event to its account's chain; its id. */
  append(event: NewEvent): number {
    const head = this.heads.get(event.accountId) ?? chainHead(this.db, event.accountId);
    const id = this.nextId;
    const link = nextLink(head, id, event);
    statement(this.db, insertSql).run(
      id, event.accountId, link.seq, event.type, event.time, event.ip, event.userAgent, JSON.stringify(event.details),
      link.prevHash, link.hash,
    );
    this.heads.set(event.accountId, { seq: link.seq, id, hash: link.hash });
    this.nextId = id + 1;
    return id;
  }
}
