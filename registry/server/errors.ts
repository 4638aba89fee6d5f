// Every error leaves the server as {"error":{"code","message"}} — ours, Fastify's own (unknown route, bad JSON,
// wrong content type, oversized body) and unexpected ones, which are logged but answered without details.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '../contract/schemas.ts';

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
}

// Fastify's framework errors mapped onto the contract's codes.
function fromFastifyError(error: FastifyError): ApiError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(400, 'invalid_request', 'Content-Type must be application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid_request', 'Request body is not valid JSON');
    default:
      break;
  }
  if (error.statusCode === 413) return new ApiError(413, 'payload_too_large', 'Request body is larger than 64 KiB');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(400, 'invalid_request', 'The request could not be read');
  }
  return null;
}

/** The app's error handler; a plugin with its own (the artifact upload's) hands on what it does not handle. */
export function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(reply, apiErrorOf(error, request));
}

/** Any error a handler or Fastify raised, as the ApiError it is answered with (unexpected ones logged here). */
export function apiErrorOf(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  const mapped = fromFastifyError(error);
  if (mapped) return mapped;
  request.log.error({ err: error }, 'unexpected error');
  return new ApiError(500, 'internal', 'Internal server error');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new ApiError(404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}
