// GET /api/openapi.json: the contract as an OpenAPI 3.1 document, built once at start-up.
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../../contract/openapi.ts';

export function registerOpenApiRoute(app: FastifyInstance): void {
  const document = buildOpenApiDocument();
  app.get('/api/openapi.json', async () => document);
}
