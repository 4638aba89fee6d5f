// Builds the OpenAPI 3.1 document from the route table, converting each zod schema with z.toJSONSchema, so the
// published description is the same code the server validates with.
import { z } from 'zod';
import { ErrorBody } from './schemas.ts';
import { edgeResponses, routes, type ResponseSpec, type RouteSpec } from './routes.ts';

type JsonSchema = Record<string, unknown>;

// Request schemas describe what a client may send (defaults make fields optional); responses what it receives.
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType, location: 'query' | 'path'): JsonSchema[] {
  const converted = jsonSchema(schema, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    // OpenAPI requires path parameters to be required.
    required: location === 'path' || required.has(name),
    schema: property,
    // A parameter that may be an array is sent as the key repeated (?type=a&type=b), OpenAPI's default for query.
    ...(location === 'query' && acceptsArray(property) ? { style: 'form', explode: true } : {}),
  }));
}

function acceptsArray(schema: JsonSchema): boolean {
  if (schema.type === 'array') return true;
  const alternatives = (schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[];
  return alternatives.some(acceptsArray);
}

const responseHeaders: Record<number, JsonSchema> = {
  401: {
    'WWW-Authenticate': {
      description:
        '"OTP" when a second factor is required (otp_required); "Bearer" when the session is missing or invalid; ' +
        '\'Bearer error="invalid_token"\' when an API token is refused',
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

// A body that is not one JSON document: text in a media type the request chose. OpenAPI 3.1 has no schema for a line
// of NDJSON, so the line's schema goes in an extension.
function streamedContent(formats: NonNullable<ResponseSpec['streamed']>): JsonSchema {
  return Object.fromEntries(
    formats.map((format) => [
      format.mediaType,
      {
        schema: { type: 'string', description: format.description },
        ...(format.lineSchema ? { 'x-line-schema': jsonSchema(format.lineSchema, 'output') } : {}),
      },
    ]),
  );
}

// Either scheme satisfies a route that takes tokens; OpenAPI lists alternatives as separate requirement objects.
function security(route: RouteSpec): JsonSchema[] {
  if (!route.authenticated) return [];
  return route.tokens ? [{ bearerAuth: [] }, { apiToken: [] }] : [{ bearerAuth: [] }];
}

// A body that is bytes, not JSON (OpenAPI 3.1 describes it with contentMediaType, and no schema for its content).
function rawRequestBody(body: NonNullable<RouteSpec['rawBody']>): JsonSchema {
  return {
    required: true,
    description: body.description,
    content: {
      [body.mediaType]: { schema: { type: 'string', contentMediaType: body.mediaType, 'x-max-bytes': body.maxBytes } },
    },
  };
}

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
          ...(response.streamed ? { content: streamedContent(response.streamed) } : {}),
        },
      ];
    }),
  );
  const routeParameters = [
    ...(route.params ? parameters(route.params, 'path') : []),
    ...(route.query ? parameters(route.query, 'query') : []),
  ];
  return {
    operationId: name,
    summary: route.summary,
    ...(route.sensitive
      ? {
          description:
            'Sensitive: the session must have signed in or confirmed access (POST /api/v1/session/confirm) within ' +
            'the confirmation window, else 403 confirmation_required.',
          'x-sensitive': true,
        }
      : {}),
    security: security(route),
    ...(routeParameters.length > 0 ? { parameters: routeParameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: jsonContent(jsonSchema(route.body, 'input')) } } : {}),
    ...(route.rawBody ? { requestBody: rawRequestBody(route.rawBody) } : {}),
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
        'Sign-in with password and second factor, account security posture and audit events, self-service for ' +
        'two-factor authentication, recovery codes, the password and sessions, projects and publishing, and scoped ' +
        'API tokens. Operations marked x-sensitive need a recently confirmed session; operations that list ' +
        'apiToken among their security also take an API token instead of a session. ' +
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
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token from POST /api/v1/tokens: "vgl_" + 30 base62 characters + a 6-character CRC32 checksum. ' +
            'Refused with 401 invalid_token, token_expired or token_revoked, and with 403 ip_not_allowed from outside ' +
            'its allowed ranges.',
        },
      },
    },
  };
}
