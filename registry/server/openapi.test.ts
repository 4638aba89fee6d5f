import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import { startTestRegistry, type TestRegistry } from './test-support.ts';

describe('GET /api/openapi.json', () => {
  let harness: TestRegistry;
  before(async () => {
    harness = await startTestRegistry();
  });
  after(() => harness.stop());

  test('serves an OpenAPI 3.1 document generated from the route table', async () => {
    const response = await harness.request('GET', '/api/openapi.json');
    assert.equal(response.status, 200);
    const doc = response.json;
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
      type: 'http',
      scheme: 'bearer',
      description: 'The session token returned by POST /api/v1/session',
    });
    for (const [name, route] of Object.entries(routes)) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.path}`);
      assert.equal(operation.operationId, name);
      assert.deepEqual(operation.security, route.authenticated ? [{ bearerAuth: [] }] : []);
      assert.deepEqual(Object.keys(operation.responses).sort(), Object.keys(route.responses).sort());
    }
  });

  test('bodies, query parameters and responses carry the zod schemas', async () => {
    const doc = (await harness.request('GET', '/api/openapi.json')).json;
    const body = doc.paths['/api/v1/session'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required, ['username', 'password']);
    assert.equal(body.additionalProperties, false);
    assert.equal(body.properties.otp.pattern, '^\\d{6}$');

    const parameters = doc.paths['/api/v1/account/events'].get.parameters;
    assert.deepEqual(
      parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
      [
        ['limit', 'query', false],
        ['cursor', 'query', false],
      ],
    );
    const account = doc.paths['/api/v1/account'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(account.required, ['username', 'createdAt', 'twoFactor', 'lastSignIn']);
    assert.ok(doc.paths['/api/v1/session'].post.responses['429'].headers['Retry-After']);
    assert.equal(doc.paths['/api/v1/session'].delete.responses['204'].content, undefined);
  });
});
