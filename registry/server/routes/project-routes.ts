// GET /projects (the caller's projects; with a token, those it covers) and PUT /projects/{name}/releases/{version}
// (publish). The upload route lives in a plugin of its own so that it alone reads application/octet-stream bodies
// up to 10 MiB: every other route keeps JSON up to 64 KiB, and no other route would buffer an artifact.
import type { FastifyError, FastifyInstance } from 'fastify';
import { artifactMediaType, maxArtifactBytes, type ProjectsResponse } from '../../contract/project-schemas.ts';
import { routes } from '../../contract/routes.ts';
import type { AppContext } from '../app-context.ts';
import { answerError, ApiError, sendError } from '../errors.ts';
import { iso } from '../iso-time.ts';
import { artifactTooLarge, authorizePublish, publishRelease, type PublishTarget } from '../release-publishing.ts';
import { addCallerRoute } from '../route-registration.ts';

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

  addCallerRoute(app, context, routes.listProjects, async ({ caller }): Promise<ProjectsResponse> => {
    const { token } = caller;
    const covered = token && !token.allProjects ? new Set(store.apiTokens.projectsOf(token.id).map((project) => project.id)) : null;
    const projects = store.projects.listForAccount(caller.accountId).filter((project) => !covered || covered.has(project.id));
    return {
      projects: projects.map((project) => ({
        name: project.name,
        role: project.role,
        createdAt: iso(project.createdAt),
        latestRelease: project.latestRelease && {
          version: project.latestRelease.version,
          publishedAt: iso(project.latestRelease.publishedAt),
        },
      })),
    };
  });

  // Encapsulated: the parser and error handler above apply to this route only.
  void app.register(async (scoped) => registerPublishRoute(scoped, context));
}
