// Migration 8's one step in code: copies every event of the old table into the new one unchanged (id, time, details
// text and all), each account's events joining its chain in the order they were appended (ascending id).
import type { DatabaseSync } from 'node:sqlite';
import type { EventType } from '../contract/schemas.ts';
import { nextLink, type ChainLink, type EventDetails } from './event-appender.ts';
import { genesisHash } from '../contract/event-chain.ts';

interface OldEvent {
  id: number;
  account_id: number;
  type: string;
  time: number;
  ip: string;
  user_agent: string;
  details: string;
}

export function copyEventsIntoChains(db: DatabaseSync, from: string, to: string): void {
  const insert = db.prepare(`INSERT INTO ${to} (id, account_id, seq, type, time, ip, user_agent, details, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const heads = new Map<number, ChainLink>();
  const rows = db.prepare(`SELECT id, account_id, type, time, ip, user_agent, details FROM ${from} ORDER BY id`).iterate();
  for (const row of rows as Iterable<OldEvent>) {
    const head = heads.get(row.account_id) ?? { seq: 0, id: null, hash: genesisHash };
    const link = nextLink(head, row.id, {
      type: row.type as EventType,
      time: row.time,
      ip: row.ip,
      userAgent: row.user_agent,
      details: JSON.parse(row.details) as EventDetails,
    });
    insert.run(row.id, row.account_id, link.seq, row.type, row.time, row.ip, row.user_agent, row.details, link.prevHash, link.hash);
    heads.set(row.account_id, { seq: link.seq, id: row.id, hash: link.hash });
  }
}
