// GET /projects (the caller's projects, with a token those it covers; with include=..., the whole estate),
// GET /projects/{name} (one project in full) and PUT /projects/{name}/releases/{version} (publish). The upload
// route lives in a plugin of its own so that it alone reads application/octet-stream bodies up to 10 MiB: every
// other route keeps JSON up to 64 KiB, and no other route would buffer an artifact. The owners' routes are in
// project-owner-routes.ts.
import type { FastifyError, FastifyInstance } from 'fastify';
import { EstateQuery, ProjectParams, type ProjectDetail } from '../../contract/estate-schemas.ts';
import { artifactMediaType, maxArtifactBytes } from '../../contract/project-schemas.ts';
import { routes } from '../../contract/routes.ts';
import type { AppContext } from '../app-context.ts';
import { answerError, ApiError, sendError } from '../errors.ts';
import { estateJson } from '../estate-json.ts';
import { projectDetail } from '../project-detail.ts';
import { visibleProject } from '../project-access.ts';
import { artifactTooLarge, authorizePublish, publishRelease, type PublishTarget } from '../release-publishing.ts';
import { addCallerRoute } from '../route-registration.ts';
import { parseWith } from '../validation.ts';

function registerPublishRoute(app: FastifyInstance, context: AppContext): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(artifactMediaType, { parseAs: 'buffer', bodyLimit: maxArtifactBytes }, (_request, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, new ApiError(400, 'invalid_request', `Content-Type must be ${artifactMediaType}`));
    }
    if (!(error instanceof ApiError) && error.statusCode === 413) return sendError(reply, artifactTooLarge());
    return answerError(error, request, reply);
  });
  addCallerRoute<PublishTarget>(
    app,
    context,
    routes.publishRelease,
    async (call, target) => {
      const artifact: unknown = call.request.body;
      if (!Buffer.isBuffer(artifact)) {
        throw new ApiError(400, 'invalid_request', `Send the artifact as the body, with Content-Type: ${artifactMediaType}`);
      }
      return call.reply.code(201).send(publishRelease(context, call, target, artifact));
    },
    // Every publish by a token is recorded as its last use, however soon after the one before.
    { beforeBody: (call) => authorizePublish(context, call), tokenUseGranularityMs: 0 },
  );
}

export function registerProjectRoutes(app: FastifyInstance, context: AppContext): void {
  const { store } = context;

  // The body is made as text (estate-json.ts explains why), in the contract's EstateResponse shape.
  addCallerRoute(app, context, routes.listProjects, async ({ request, reply, caller, now }) => {
    const { include = [] } = parseWith(EstateQuery, request.query, 'query');
    // As bytes: a string would be measured for Content-Length and then encoded again as it is sent.
    return reply.type('application/json; charset=utf-8').send(Buffer.from(estateJson(store, caller, new Set(include), now)));
  });

  addCallerRoute(app, context, routes.getProject, async ({ request, caller }): Promise<ProjectDetail> => {
    const { name } = parseWith(ProjectParams, request.params, 'path');
    return projectDetail(store, caller, visibleProject(store, caller, name).project);
  });

  // Encapsulated: the parser and error handler above apply to this route only.
  void app.register(async (scoped) => registerPublishRoute(scoped, context));
}
