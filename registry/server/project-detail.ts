// One project's page, GET /projects/{name}: its policy, its collaborators as the estate lists them
// (estate-json.ts) and its newest releases with who published each.
import type { ProjectDetail } from '../contract/estate-schemas.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { Caller } from './caller.ts';
import { collaboratorsOf } from './estate-json.ts';
import { iso } from './iso-time.ts';

/** How many of a project's releases its page shows, newest first. */
export const latestReleaseCount = 5;

/** For a project the caller may see (project-access.ts). */
export function projectDetail(store: RegistryStore, caller: Caller, project: ProjectRecord): ProjectDetail {
  return {
    name: project.name,
    createdAt: iso(project.createdAt),
    policy: project.policy,
    collaborators: collaboratorsOf(store, caller.accountId, project.id),
    latestReleases: store.releases.latest(project.id, latestReleaseCount).map((release) => ({
      version: release.version,
      publishedAt: iso(release.publishedAt),
      publishedBy: release.publishedBy,
    })),
  };
}
