// Builds the OpenAPI 3.1 document from the route table, converting each zod schema with z.toJSONSchema, so the
// published description is the same code the server validates with.
import { z } from 'zod';
import { ErrorBody } from './schemas.ts';
import { edgeResponses, routes, type RouteSpec } from './routes.ts';

type JsonSchema = Record<string, unknown>;

// Request schemas describe what a client may send (defaults make fields optional); responses what it receives.
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const converted = jsonSchema(schema, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

const responseHeaders: Record<number, JsonSchema> = {
  401: {
    'WWW-Authenticate': {
      description:
        '"OTP" when a second factor is required (otp_required); "Bearer" when the session is missing or invalid',
      schema: { type: 'string' },
    },
  },
  429: {
    'Retry-After': {
      description: 'Seconds until another attempt can be accepted',
      schema: { type: 'integer', minimum: 1 },
    },
  },
};

const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });

function operation(name: string, route: RouteSpec): JsonSchema {
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => {
      const headers = responseHeaders[Number(status)];
      return [
        status,
        {
          description: response.description,
          ...(headers ? { headers } : {}),
          ...(response.schema ? { content: jsonContent(jsonSchema(response.schema, 'output')) } : {}),
        },
      ];
    }),
  );
  return {
    operationId: name,
    summary: route.summary,
    security: route.authenticated ? [{ bearerAuth: [] }] : [],
    ...(route.query ? { parameters: queryParameters(route.query) } : {}),
    ...(route.body ? { requestBody: { required: true, content: jsonContent(jsonSchema(route.body, 'input')) } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteSpec][]) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(name, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil Registry Security API',
      version: '1.0.0',
      description:
        'Sign-in with password and second factor, account security posture and audit events. ' +
        'Errors are always {"error":{"code","message"}}; besides each operation\'s own, any request may get the ' +
        'answers under components.responses (Edge<status>) from the HTTP edge.',
    },
    paths,
    components: {
      // Not tied to one operation: the HTTP edge may give any of these to any request.
      responses: Object.fromEntries(
        Object.entries(edgeResponses).map(([status, response]) => [
          `Edge${status}`,
          {
            description: `${response.description} (code: ${response.codes.join(' or ')})`,
            content: jsonContent(jsonSchema(ErrorBody, 'output')),
          },
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session token returned by POST /api/v1/session',
        },
      },
    },
  };
}
