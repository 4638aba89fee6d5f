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
      const security = 'tokens' in route && route.tokens ? [{ bearerAuth: [] }, { apiToken: [] }] : [{ bearerAuth: [] }];
      assert.deepEqual(operation.security, route.authenticated ? security : []);
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
        ['type', 'query', false],
        ['since', 'query', false],
        ['until', 'query', false],
        ['ip', 'query', false],
      ],
    );
    assert.equal(parameters[0].schema.maximum, 500);
    const type = parameters.find((p: { name: string }) => p.name === 'type');
    assert.deepEqual([type.style, type.explode], ['form', true], 'repeated as ?type=a&type=b');
    const account = doc.paths['/api/v1/account'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(account.required, ['username', 'createdAt', 'twoFactor', 'lastSignIn', 'previousSignIn']);
    assert.deepEqual(account.properties.twoFactor.required, [
      'enabled',
      'methods',
      'enabledAt',
      'recoveryCodesRemaining',
      'recoveryCodesGeneratedAt',
    ]);
    assert.ok(doc.paths['/api/v1/session'].post.responses['429'].headers['Retry-After']);
    assert.equal(doc.paths['/api/v1/session'].delete.responses['204'].content, undefined);
  });

  test('the audit log: filters as query parameters, the chain\'s head, and the export\'s streamed formats', async () => {
    const doc = (await harness.request('GET', '/api/openapi.json')).json;
    const event = doc.paths['/api/v1/account/events'].get.responses['200'].content['application/json'].schema.properties.events.items;
    assert.ok(event.required.includes('prevHash') && event.required.includes('hash'));
    assert.equal(event.properties.hash.pattern, '^[0-9a-f]{64}$');
    const head = doc.paths['/api/v1/account/events/head'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(head.required, ['count', 'lastId', 'hash']);
    const exported = doc.paths['/api/v1/account/events/export'].get;
    assert.deepEqual(
      exported.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required]),
      [['format', true], ['order', false], ['type', false], ['since', false], ['until', false], ['ip', false]],
    );
    assert.deepEqual(exported.parameters[0].schema.enum, ['ndjson', 'csv', 'chain']);
    const content = exported.responses['200'].content;
    assert.deepEqual(Object.keys(content), ['application/x-ndjson', 'text/csv', 'text/plain']);
    assert.match(content['text/plain'].schema.description, /exactly the text its hash covers/);
    assert.ok(content['application/x-ndjson']['x-line-schema'].required.includes('hash'));
    assert.match(content['text/csv'].schema.description, /header row/);
  });

  test('path parameters come from the route\'s params, and sensitive operations say so', async () => {
    const doc = (await harness.request('GET', '/api/openapi.json')).json;
    const endOne = doc.paths['/api/v1/account/sessions/{id}'].delete;
    assert.deepEqual(
      endOne.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
      [['id', 'path', true]],
    );
    assert.equal(endOne.parameters[0].schema.type, 'string');
    for (const [name, route] of Object.entries(routes) as [string, { path: string; method: string; sensitive?: boolean }][]) {
      const operation = doc.paths[route.path][route.method.toLowerCase()];
      assert.equal(operation['x-sensitive'] === true, route.sensitive === true, name);
      if (route.sensitive) {
        assert.match(operation.description, /confirmation_required/);
        assert.ok(operation.responses['403'], `${name} documents its 403`);
      }
    }
    assert.deepEqual(
      Object.entries(routes).filter(([, route]) => 'sensitive' in route && route.sensitive).map(([name]) => name).sort(),
      [
        'addCollaborator',
        'changePassword',
        'createToken',
        'disableTotp',
        'generateRecoveryCodes',
        'removeCollaborator',
        'setProjectPolicy',
        'startTotpEnrollment',
      ],
    );
  });

  test('publishing takes the artifact as application/octet-stream; tokens are a second bearer scheme', async () => {
    const doc = (await harness.request('GET', '/api/openapi.json')).json;
    const put = doc.paths['/api/v1/projects/{name}/releases/{version}'].put;
    assert.deepEqual(Object.keys(put.requestBody.content), ['application/octet-stream']);
    assert.deepEqual(put.requestBody.content['application/octet-stream'].schema, {
      type: 'string',
      contentMediaType: 'application/octet-stream',
      'x-max-bytes': 10 * 1024 * 1024,
    });
    assert.deepEqual(
      put.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
      [
        ['name', 'path', true],
        ['version', 'path', true],
      ],
    );
    assert.deepEqual(Object.keys(put.responses).sort(), ['201', '400', '401', '403', '404', '409', '413', '429']);
    assert.deepEqual(put.security, [{ bearerAuth: [] }, { apiToken: [] }]);
    assert.equal(doc.components.securitySchemes.apiToken.scheme, 'bearer');
    assert.match(doc.components.responses.Edge413.description, /10 MiB/);

    const create = doc.paths['/api/v1/tokens'].post;
    const body = create.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required, ['name', 'permission', 'projects']);
    assert.deepEqual(body.properties.permission.enum, ['read-only', 'read-write']);
    assert.deepEqual(create.security, [{ bearerAuth: [] }], 'making tokens takes a session');
    const listed = doc.paths['/api/v1/tokens'].get.responses['200'].content['application/json'].schema;
    assert.ok(listed.properties.tokens.items.required.includes('lastUsed'));
    assert.equal(listed.properties.tokens.items.properties.token, undefined, 'a list never has the token');
    for (const path of ['/api/v1/tokens/{id}', '/api/v1/tokens/revoke', '/api/v1/whoami', '/api/v1/projects']) {
      assert.ok(doc.paths[path], path);
    }
  });

  test('the estate: include as a query parameter, project pages for tokens too, owners\' routes for sessions', async () => {
    const doc = (await harness.request('GET', '/api/openapi.json')).json;
    const list = doc.paths['/api/v1/projects'].get;
    assert.deepEqual(list.parameters.map((p: { name: string; in: string }) => [p.name, p.in]), [['include', 'query']]);
    const project = list.responses['200'].content['application/json'].schema.properties.projects.items;
    assert.ok(project.required.includes('policy'));
    assert.deepEqual(Object.keys(project.properties.tokens.items.properties).sort(), [
      'allProjects', 'allowedCidrs', 'bypass2fa', 'createdAt', 'expiresAt', 'holder', 'id', 'lastUsed', 'name', 'permission',
    ]);
    assert.deepEqual(doc.paths['/api/v1/projects/{name}'].get.security, [{ bearerAuth: [] }, { apiToken: [] }]);
    for (const [path, method] of [['/api/v1/projects/{name}/policy', 'put'], ['/api/v1/projects/{name}/collaborators', 'post'], ['/api/v1/projects/{name}/collaborators/{username}', 'delete']]) {
      const operation = doc.paths[path!][method!];
      assert.deepEqual(operation.security, [{ bearerAuth: [] }], `${method} ${path}`);
      assert.match(operation.responses['403'].description, /owner_required/);
    }
    assert.match(doc.paths['/api/v1/projects/{name}/collaborators/{username}'].delete.responses['409'].description, /last_owner/);
    assert.match(doc.paths['/api/v1/account/totp'].delete.responses['409'].description, /two_factor_required_by_project/);
  });
});
