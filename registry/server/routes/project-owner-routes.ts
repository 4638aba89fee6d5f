// What a project's owners change over the JSON API: PUT /projects/{name}/policy, POST /projects/{name}/collaborators
// and DELETE /projects/{name}/collaborators/{username}. Sensitive (Confirm access, checked by route-registration.ts
// before these handlers run) and sessions only: a token cannot change who may publish, nor how.
import type { FastifyInstance } from 'fastify';
import {
  AddCollaboratorRequest,
  CollaboratorParams,
  PolicyRequest,
  ProjectParams,
  type Collaborator,
  type ProjectPolicy,
} from '../../contract/estate-schemas.ts';
import { routes } from '../../contract/routes.ts';
import type { AppContext } from '../app-context.ts';
import { addProjectCollaborator, changePolicy, removeProjectCollaborator } from '../project-management.ts';
import { addSessionRoute } from '../route-registration.ts';
import { parseWith } from '../validation.ts';

export function registerProjectOwnerRoutes(app: FastifyInstance, context: AppContext): void {
  addSessionRoute(app, context, routes.setProjectPolicy, async ({ request, session, who }): Promise<ProjectPolicy> => {
    const { name } = parseWith(ProjectParams, request.params, 'path');
    const policy = parseWith(PolicyRequest, request.body, 'body');
    return changePolicy(context, { accountId: session.accountId, who }, name, policy);
  });

  addSessionRoute(app, context, routes.addCollaborator, async ({ request, reply, session, who }) => {
    const { name } = parseWith(ProjectParams, request.params, 'path');
    const body = parseWith(AddCollaboratorRequest, request.body, 'body');
    const collaborator: Collaborator = addProjectCollaborator(context, { accountId: session.accountId, who }, name, body);
    return reply.code(201).send(collaborator);
  });

  addSessionRoute(app, context, routes.removeCollaborator, async ({ request, reply, session, who }) => {
    const { name, username } = parseWith(CollaboratorParams, request.params, 'path');
    removeProjectCollaborator(context, { accountId: session.accountId, who }, name, username);
    return reply.code(204).send();
  });
}
