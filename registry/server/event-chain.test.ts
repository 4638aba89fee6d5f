// The hash chain as a client sees it: every event recomputes to its hash, an account's events in id order link from
// 64 zeros to GET /account/events/head, later events extend an earlier head, and a copy of a project event is a link
// of each recipient's own chain.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventHash, genesisHash, verifyChain } from '../contract/event-chain.ts';
import { EventsHead } from '../contract/event-schemas.ts';
import { routes } from '../contract/routes.ts';
import { AuditEvent } from '../contract/schemas.ts';
import { seedAccountHistory } from '../seed/account-history.ts';
import { signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { nia: 'nia-Quartz-Meadow-Tide-7', oren: 'oren-Cobalt-Fennel-Arch-8', pax: 'pax-Willow-Signal-Moss-9' };
type Person = keyof typeof passwords;

describe('the hash chain of each account', () => {
  let harness: TestRegistry;
  const tokens: Partial<Record<Person, string>> = {};

  before(async () => {
    harness = await startTestRegistry();
    for (const person of Object.keys(passwords) as Person[]) await harness.addUser(person, passwords[person], false);
    harness.withStore((store) => seedAccountHistory(store, 'nia', { events: 1_200, seed: 3, until: harness.clock.now }));
    for (const person of Object.keys(passwords) as Person[]) {
      tokens[person] = await signIn(harness, { username: person, password: passwords[person] });
    }
  });
  after(() => harness.stop());

  const head = async (person: Person) => {
    const response = await harness.request('GET', routes.eventsHead.path, { token: tokens[person]! });
    assert.equal(response.status, 200);
    return EventsHead.parse(response.json);
  };
  // The whole log through pages (newest first), put in chain order: ascending id.
  async function chain(person: Person): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=500${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await harness.request('GET', `${routes.listEvents.path}${query}`, { token: tokens[person]! });
      events.push(...response.json.events.map((event: unknown) => AuditEvent.parse(event)));
      cursor = response.json.nextCursor;
    } while (cursor !== null);
    return events.sort((a, b) => Number(a.id) - Number(b.id));
  }

  test('every event recomputes to its hash, and in id order they link from 64 zeros to the head', async () => {
    const events = await chain('nia');
    assert.equal(events.length, 1_201);
    for (const event of events) assert.equal(eventHash(event.prevHash, event), event.hash, event.id);
    assert.equal(events[0]!.prevHash, genesisHash);
    assert.equal(verifyChain(events, genesisHash), null);
    assert.deepEqual(await head('nia'), { count: 1_201, lastId: events.at(-1)!.id, hash: events.at(-1)!.hash });
  });

  test('events added later extend the chain from the head seen before', async () => {
    const earlier = await head('oren');
    harness.clock.now += 60_000;
    await harness.request('POST', routes.createSession.path, { body: { username: 'oren', password: 'wrong-password' } });
    harness.clock.now += 60_000;
    await harness.request('POST', routes.endOtherSessions.path, { token: tokens.oren! });
    await signIn(harness, { username: 'oren', password: passwords.oren });
    const later = await head('oren');
    assert.equal(later.count, earlier.count + 2);
    const added = (await chain('oren')).filter((event) => Number(event.id) > Number(earlier.lastId));
    assert.deepEqual(added.map((event) => event.type), ['login.failure', 'login.success']);
    assert.equal(verifyChain(added, earlier.hash), null, 'the new events follow the old head');
    assert.equal(added.at(-1)!.hash, later.hash);
  });

  test('an event logged with an earlier time than events before it (a tally) is still the next link', async () => {
    const before = await head('pax');
    harness.withStore((store) => {
      const accountId = store.accounts.findByUsername('pax')!.id;
      store.events.append({ accountId, type: 'login.rate_limited', time: harness.clock.now - 3_600_000, ip: '192.0.2.7', userAgent: '', details: { count: 4 } });
    });
    const events = await chain('pax');
    assert.equal(events.at(-1)!.type, 'login.rate_limited', 'last in the chain');
    assert.equal(events.at(-1)!.prevHash, before.hash);
    assert.equal(verifyChain(events, genesisHash), null);
    const page = (await harness.request('GET', routes.listEvents.path, { token: tokens.pax! })).json.events as AuditEvent[];
    assert.equal(page.at(-1)!.type, 'login.rate_limited', 'but pages go by time');
  });

  test('a project event copied to several accounts is a separate link in each one\'s chain', async () => {
    harness.addProject('chained', 'oren', { pax: 'owner' });
    const heads = { oren: await head('oren'), pax: await head('pax'), nia: await head('nia') };
    const response = await harness.request('POST', routes.addCollaborator.path.replace('{name}', 'chained'), {
      token: tokens.oren!,
      body: { username: 'nia', role: 'maintainer' },
    });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    const copies: AuditEvent[] = [];
    for (const person of ['oren', 'pax', 'nia'] as const) {
      const added = (await chain(person)).filter((event) => Number(event.id) > Number(heads[person].lastId));
      assert.deepEqual(added.map((event) => event.type), ['collaborator.added'], person);
      assert.equal(verifyChain(added, heads[person].hash), null, person);
      copies.push(added[0]!);
    }
    assert.equal(new Set(copies.map((event) => event.id)).size, 3, 'three rows');
    assert.equal(new Set(copies.map((event) => event.hash)).size, 3, 'three links');
    assert.deepEqual(copies.map((event) => event.details), copies.map(() => copies[0]!.details), 'one event');
  });

  test('a stored event rewritten behind the registry\'s back is found by the first event that no longer checks out', async () => {
    const events = await chain('nia');
    const victim = events[700]!;
    harness.withStore((store) => {
      store.db.exec('DROP TRIGGER events_no_update');
      store.db.prepare("UPDATE events SET ip = '203.0.113.99' WHERE id = ?").run(Number(victim.id));
    });
    assert.equal(verifyChain(await chain('nia'), genesisHash), victim.id);
  });
});
