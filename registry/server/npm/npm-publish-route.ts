// `npm publish`: PUT /<name> (a scoped name arrives escaped, /@scope%2fname) with the package document. It is a
// release of the project of that name, published exactly as the JSON API's PUT /projects/{name}/releases/{version}
// publishes one (release-publishing.ts): credentials and the token's limits are checked before the body is read,
// everything again in the transaction that writes, and the same events are logged. The version is in the body, so
// release_exists is found once the body has arrived. npm needs nothing back but a 2xx.
//
// npm first asks GET /<name> for the versions already published, and carries on when that fails; the package
// document (npm-package-route.ts) lists none, since npm can publish here but not install from here, so a version
// published already is refused by this route (409 release_exists), not by npm.
//
// While the project requires 2FA for publishing, npm must send a one-time code (publish-policy.ts): without one it
// gets 401 otp_required with WWW-Authenticate: OTP, and prompts for the code on a terminal or fails with EOTP,
// saying to pass --otp.
//
// The route is one parametric segment, so every static route (/api/..., /-/...) and every longer path goes
// elsewhere. It takes only what could be a package name; anything else stays an unknown route, answered in the
// JSON API's shape like any other.
import type { FastifyInstance } from 'fastify';
import { maxArtifactBytes } from '../../contract/project-schemas.ts';
import type { AppContext } from '../app-context.ts';
import { ApiError } from '../errors.ts';
import { authorizePublishTo, publishRelease, type AuthorizedProject } from '../release-publishing.ts';
import { addCallerRouteAt } from '../route-registration.ts';
import { installNpmErrorHandling } from './npm-errors.ts';
import { readPackageDocument } from './npm-package-document.ts';
import { packageName, packageNameRoute } from './npm-package-name.ts';

// The tarball travels as base64 (4 bytes for every 3) inside JSON, beside the manifest, which includes the readme.
const packageDocumentAllowance = 2 * 1024 * 1024;
export const npmPublishBodyLimit = 4 * Math.ceil(maxArtifactBytes / 3) + packageDocumentAllowance;

export function registerNpmPublishRoute(scope: FastifyInstance, context: AppContext): void {
  // Encapsulated, so that this route alone answers an oversized body in its own terms.
  void scope.register(async (publishing) => {
    installNpmErrorHandling(publishing, (error) =>
      error.statusCode === 413
        ? new ApiError(413, 'payload_too_large', 'The package document is too large: the tarball may be at most 10 MiB')
        : null,
    );
    addCallerRouteAt<AuthorizedProject>(
      publishing,
      context,
      { method: 'PUT', url: packageNameRoute, bodyLimit: npmPublishBodyLimit },
      async (call, authorized) => {
        const { version, tarball } = readPackageDocument(call.request.body, packageName(call.request));
        const release = publishRelease(context, call, { ...authorized, version }, tarball);
        return call.reply.code(201).send({ ok: true, ...release });
      },
      // As on the JSON API, every publish by a token is recorded as its last use.
      { beforeBody: (call) => authorizePublishTo(context, call, packageName(call.request), null, 'npm'), tokenUseGranularityMs: 0 },
    );
  });
}
