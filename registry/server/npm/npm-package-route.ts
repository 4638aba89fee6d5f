// GET /<name>, the package document (packument) npm reads for `npm owner ls <pkg>` (its maintainers) and before
// `npm publish` (the versions already published). Projects here are published to with npm but not installed
// from, so the document is minimal: {_id, name, maintainers, versions: {}, "dist-tags": {}}. Every collaborator
// can publish, so each is a maintainer, owners first; the registry keeps no e-mail addresses, so each address is
// empty. With no versions listed, npm leaves a repeated version to the publish route's 409 release_exists.
//
// Who may read it is who may read the project's page (project-access.ts): its owners and maintainers, with a
// token only a project the token covers; anyone else gets 404, as for a project that does not exist. npm sends
// its credentials with this request, so `npm owner ls` works for the people it concerns. On npm's public registry
// anyone may read a package's maintainers; here usernames are not published to the world.
//
// One parametric segment, like the publish route's PUT (npm-package-name.ts): every static route (/api/...,
// /-/...) and every longer path goes elsewhere, and only what could be a package name gets here.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { collaboratorsOf } from '../estate-json.ts';
import { visibleProject } from '../project-access.ts';
import { addCallerRouteAt } from '../route-registration.ts';
import { packageName, packageNameRoute } from './npm-package-name.ts';

export interface NpmPackageDocument {
  _id: string;
  name: string;
  maintainers: { name: string; email: string }[];
  versions: Record<string, never>;
  'dist-tags': Record<string, never>;
}

export function registerNpmPackageRoute(scope: FastifyInstance, context: AppContext): void {
  addCallerRouteAt(scope, context, { method: 'GET', url: packageNameRoute }, async ({ request, caller }): Promise<NpmPackageDocument> => {
    const { project } = visibleProject(context.store, caller, packageName(request));
    const maintainers = collaboratorsOf(context.store, caller.accountId, project.id).map((collaborator) => ({
      name: collaborator.username,
      email: '',
    }));
    return { _id: project.name, name: project.name, maintainers, versions: {}, 'dist-tags': {} };
  });
}
