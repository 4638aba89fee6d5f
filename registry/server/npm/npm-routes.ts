// The npm CLI's own protocol (whoami, token list, create and revoke, legacy login, publish, the package document,
// access and collaborators), kept apart from the JSON API: its paths are npm's, its answers npm's shapes, and its
// errors {"error": "<message>", "code"} so npm prints them. One encapsulated plugin, so that error shape applies here and nowhere else.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import type { SignInService } from '../sign-in.ts';
import { registerNpmAccessRoutes } from './npm-access-routes.ts';
import { installNpmErrorHandling } from './npm-errors.ts';
import { registerNpmLoginRoute } from './npm-login-route.ts';
import { registerNpmPackageRoute } from './npm-package-route.ts';
import { registerNpmPublishRoute } from './npm-publish-route.ts';
import { registerNpmTokenCreateRoute } from './npm-token-create-route.ts';
import { registerNpmTokenRoutes } from './npm-token-routes.ts';
import { registerNpmWhoamiRoute } from './npm-whoami-route.ts';

export function registerNpmRoutes(app: FastifyInstance, context: AppContext, signIn: SignInService): void {
  void app.register(async (scope) => {
    installNpmErrorHandling(scope);
    registerNpmWhoamiRoute(scope, context);
    registerNpmTokenRoutes(scope, context);
    registerNpmTokenCreateRoute(scope, context);
    registerNpmLoginRoute(scope, signIn);
    registerNpmPublishRoute(scope, context);
    registerNpmPackageRoute(scope, context);
    registerNpmAccessRoutes(scope, context);
  });
}
