import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestRegistry, type TestRegistry } from './test-support.ts';

describe('errors are always {"error":{"code","message"}}', () => {
  let harness: TestRegistry;

  before(async () => {
    harness = await startTestRegistry();
  });
  after(() => harness.stop());

  const assertError = (response: { status: number; json: unknown }, status: number, code: string) => {
    assert.equal(response.status, status);
    assert.deepEqual(Object.keys(response.json as object), ['error']);
    const { error } = response.json as { error: { code: string; message: string } };
    assert.equal(error.code, code);
    assert.equal(typeof error.message, 'string');
    return error.message;
  };

  test('unknown route or method: 404 not_found', async () => {
    assertError(await harness.request('GET', '/api/v1/nothing'), 404, 'not_found');
    assertError(await harness.request('PUT', '/api/v1/session', { body: {} }), 404, 'not_found');
  });

  test('malformed JSON: 400 invalid_request', async () => {
    assertError(await harness.request('POST', '/api/v1/session', { rawBody: '{"username":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_request');
  });

  test('wrong content type: 400 invalid_request', async () => {
    const message = assertError(
      await harness.request('POST', '/api/v1/session', { rawBody: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      400,
      'invalid_request',
    );
    assert.match(message, /application\/json/);
    assertError(await harness.request('POST', '/api/v1/session', { rawBody: '{}', headers: { 'content-type': 'text/plain' } }), 400, 'invalid_request');
  });

  test('missing body, unknown fields and wrong types: 400 invalid_request naming the field', async () => {
    assertError(await harness.request('POST', '/api/v1/session'), 400, 'invalid_request');
    const unknown = assertError(
      await harness.request('POST', '/api/v1/session', { body: { username: 'a', password: 'b', remember: true } }),
      400,
      'invalid_request',
    );
    assert.match(unknown, /remember/);
    const wrongType = assertError(await harness.request('POST', '/api/v1/session', { body: { username: 42, password: 'b' } }), 400, 'invalid_request');
    assert.match(wrongType, /username/);
    const badOtp = assertError(await harness.request('POST', '/api/v1/session', { body: { username: 'a', password: 'b', otp: '12ab56' } }), 400, 'invalid_request');
    assert.match(badOtp, /otp/);
    assertError(await harness.request('POST', '/api/v1/session', { body: ['a', 'b'] }), 400, 'invalid_request');
  });

  test('a body over 64 KiB: 413 payload_too_large', async () => {
    const body = { username: 'a', password: 'x'.repeat(65 * 1024) };
    assertError(await harness.request('POST', '/api/v1/session', { body }), 413, 'payload_too_large');
  });

  test('responses are not cacheable', async () => {
    const response = await harness.request('GET', '/api/v1/account');
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});

describe('unexpected failures', () => {
  test('answer 500 internal without details', async () => {
    const harness = await startTestRegistry();
    try {
      // Pull the data folder out from under the running server: the next database write fails.
      const { DatabaseSync } = await import('node:sqlite');
      const saboteur = new DatabaseSync(`${harness.dataDir}/registry.sqlite`);
      saboteur.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TABLE events;');
      saboteur.close();
      await harness.addUser('gina', 'gina-password', false);
      const response = await harness.request('POST', '/api/v1/session', { body: { username: 'gina', password: 'gina-password' } });
      assert.equal(response.status, 500);
      assert.deepEqual(response.json, { error: { code: 'internal', message: 'Internal server error' } });
    } finally {
      await harness.stop();
    }
  });
});
