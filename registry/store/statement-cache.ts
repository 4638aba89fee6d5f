// Prepared statements reused per connection: the repositories run the same few queries on every request.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

const caches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

export function statement(db: DatabaseSync, sql: string): StatementSync {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

const arrayCaches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/**
 * A prepared statement whose rows come back as arrays of values in column order: for queries that return
 * thousands of rows (the estate), where making an object per row with named properties costs more than the query.
 */
export function arrayStatement(db: DatabaseSync, sql: string): StatementSync {
  let cache = arrayCaches.get(db);
  if (!cache) {
    cache = new Map();
    arrayCaches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    prepared.setReturnArrays(true);
    cache.set(sql, prepared);
  }
  return prepared;
}
