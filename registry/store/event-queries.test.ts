import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EventType } from '../contract/schemas.ts';
import { chainOrder, newestFirst, type EventFilter, type EventQuery } from './event-queries.ts';
import { openStore, type RegistryStore } from './store.ts';

// SQLite plans without statistics (the registry never runs ANALYZE) from the schema alone, so the plans seen on this
// small table are the ones a million events get: `npm run bench` measures the times.
describe('event queries seek an index and read rows in order', () => {
  let dir: string;
  let store: RegistryStore;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
    store = openStore(dir);
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const plan = (query: EventQuery) =>
    store.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.args).map((row) => String(row.detail));
  const deep = { time: 1_700_000_000_000, id: 500_000 };
  const types: EventType[] = ['login.failure', 'login.rate_limited', 'login.success'];
  const cases: [string, EventFilter, string][] = [
    ['no filter', {}, 'events_account_time'],
    ['a time range', { since: 1, until: 2 }, 'events_account_time'],
    ['one type and a range', { types: ['login.success'], since: 1, until: 2 }, 'events_account_type_time'],
    ['an address', { ip: '192.0.2.1' }, 'events_account_ip_time'],
    ['an address, a type and a range', { ip: '192.0.2.1', types: ['login.failure'], since: 1 }, 'events_account_ip_type_time'],
  ];

  for (const [name, filter, index] of cases) {
    test(`${name}: one index range, at any depth, never a sort`, () => {
      for (const position of [undefined, deep]) {
        const steps = plan(newestFirst(1, filter, position, 51));
        assert.ok(steps.some((step) => step.startsWith(`SEARCH events USING INDEX ${index} (account_id=? AND`)), steps.join('\n'));
        assert.ok(steps.some((step) => /time<\?/.test(step)), `seeks to the position: ${steps.join('\n')}`);
        assert.ok(!steps.some((step) => step.includes('TEMP B-TREE')), steps.join('\n'));
      }
    });
  }

  test('several types: one range per type, merged in order without sorting', () => {
    const steps = plan(newestFirst(1, { types, since: 1 }, deep, 51));
    assert.ok(steps.includes('MERGE (UNION ALL)'), steps.join('\n'));
    assert.equal(steps.filter((step) => step.startsWith('SEARCH events USING INDEX events_account_type_time (account_id=? AND type=?')).length, 3);
    assert.ok(!steps.some((step) => step.includes('TEMP B-TREE')), steps.join('\n'));
  });

  test('several types from one address: one range per type of that address, never every event of the address', () => {
    const steps = plan(newestFirst(1, { ip: '192.0.2.1', types, since: 1 }, deep, 51));
    assert.ok(steps.includes('MERGE (UNION ALL)'), steps.join('\n'));
    assert.equal(steps.filter((step) => step.startsWith('SEARCH events USING INDEX events_account_ip_type_time (account_id=? AND ip=? AND type=?')).length, 3);
    assert.ok(!steps.some((step) => step.includes('TEMP B-TREE')), steps.join('\n'));
  });

  test('a type repeated in the filter is read once', () => {
    const query = newestFirst(1, { types: ['login.success', 'login.success'] }, undefined, 5);
    assert.deepEqual(query.args.slice(4), [5, 'login.success']);
  });

  test('the SQL text depends on which filters are set, not on their values or the limit', () => {
    const text = (filter: EventFilter, limit: number, position?: typeof deep) => newestFirst(1, filter, position, limit).sql;
    assert.equal(text({}, 5), text({ since: 9, until: 10 }, 500, deep));
    assert.equal(text({ types: ['login.success', 'token.created'] }, 5), text({ types: ['session.ended', 'login.failure'], since: 1 }, 51));
    assert.equal(text({ ip: '192.0.2.1', types: ['login.success'] }, 5), text({ ip: '::1', types: ['session.ended'] }, 50, deep));
  });

  test('chain order walks the chain\'s index whatever the filters', () => {
    for (const filter of [{}, { types, ip: '192.0.2.1', since: 1, until: 2 }]) {
      const steps = plan(chainOrder(1, filter));
      assert.deepEqual(steps, ['SEARCH events USING INDEX events_account_seq (account_id=?)'], JSON.stringify(filter));
    }
  });
});
