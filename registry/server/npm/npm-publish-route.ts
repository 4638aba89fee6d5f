// `npm publish`: PUT /<name> (a scoped name arrives escaped, /@scope%2fname) with the package document. It is a
// release of the project of that name, published exactly as the JSON API's PUT /projects/{name}/releases/{version}
// publishes one (release-publishing.ts): credentials and the token's limits are checked before the body is read,
// everything again in the transaction that writes, and the same events are logged. The version is in the body, so
// release_exists is found once the body has arrived. npm needs nothing back but a 2xx.
//
// npm first asks GET /<name> for the versions already published, and carries on when that fails. No route answers
// it: npm can publish here but not install from here, so there are no package documents, and the app's 404
// not_found for an unknown route says so.
//
// The route is one parametric segment, so every static route (/api/..., /-/...) and every longer path goes
// elsewhere. It takes only what could be a package name; anything else stays an unknown route, answered in the
// JSON API's shape like any other.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { maxArtifactBytes, projectNamePattern } from '../../contract/project-schemas.ts';
import type { ProjectRecord } from '../../store/project-repository.ts';
import type { AppContext } from '../app-context.ts';
import { ApiError } from '../errors.ts';
import { authorizePublishTo, publishRelease } from '../release-publishing.ts';
import { addCallerRouteAt } from '../route-registration.ts';
import { installNpmErrorHandling } from './npm-errors.ts';
import { readPackageDocument } from './npm-package-document.ts';

// The tarball travels as base64 (4 bytes for every 3) inside JSON, beside the manifest, which includes the readme.
const packageDocumentAllowance = 2 * 1024 * 1024;
export const npmPublishBodyLimit = 4 * Math.ceil(maxArtifactBytes / 3) + packageDocumentAllowance;

// Matched against the decoded segment (so a scope's escaped slash is a slash), and simple enough for the router's
// safe-regex check; packageName() below is the exact test.
const packageNameRoute = '/:name(^[A-Za-z0-9@][A-Za-z0-9._/-]*$)';

const noSuchProject = () =>
  new ApiError(404, 'not_found', 'No project has that name (project names here are letters, digits, ".", "_" and "-", with no @scope)');

/** The package name in the path, when it can be a project's name at all. */
function packageName(request: FastifyRequest): string {
  const { name } = request.params as { name: string };
  if (!projectNamePattern.test(name)) throw noSuchProject();
  return name;
}

export function registerNpmPublishRoute(scope: FastifyInstance, context: AppContext): void {
  // Encapsulated, so that this route alone answers an oversized body in its own terms.
  void scope.register(async (publishing) => {
    installNpmErrorHandling(publishing, (error) =>
      error.statusCode === 413
        ? new ApiError(413, 'payload_too_large', 'The package document is too large: the tarball may be at most 10 MiB')
        : null,
    );
    addCallerRouteAt<ProjectRecord>(
      publishing,
      context,
      { method: 'PUT', url: packageNameRoute, bodyLimit: npmPublishBodyLimit },
      async (call, project) => {
        const { version, tarball } = readPackageDocument(call.request.body, packageName(call.request));
        const release = publishRelease(context, call, { project, version }, tarball);
        return call.reply.code(201).send({ ok: true, ...release });
      },
      // As on the JSON API, every publish by a token is recorded as its last use.
      { beforeBody: (call) => authorizePublishTo(context, call, packageName(call.request), null), tokenUseGranularityMs: 0 },
    );
  });
}
