// Projects, their collaborators and releases: the contract's schemas for listing a caller's projects and
// publishing a release (the artifact itself travels as application/octet-stream, not JSON).
import { z } from 'zod';
import { Timestamp } from './schemas.ts';

// PEP 508's project names: letters and digits, with ".", "_" and "-" inside, here at most 100 characters.
export const projectNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;
export const ProjectName = z
  .string()
  .regex(projectNamePattern, 'a project name: 1-100 letters, digits, ".", "_" or "-", starting and ending with a letter or digit');

/**
 * The form a name is compared and looked up in, as PyPI does (PEP 503): case-insensitive, with runs of "-", "_"
 * and "." all the same. "Foo_Bar", "foo-bar" and "FOO.bar" name one project, shown as it was first created.
 */
export function normalizeProjectName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

// Semantic versions and most of PEP 440 (no epochs or local "v" prefixes): a digit first, then letters and
// digits in groups joined by one ".", "+", "_" or "-", e.g. 1.4.0, 2.0.0-rc.1+build.5, 1.0.post1. Compared
// exactly; a published version can never be published again.
export const versionPattern = /^\d[0-9A-Za-z]*(?:[.+_-][0-9A-Za-z]+)*$/;
export const Version = z.string().max(64).regex(versionPattern, 'a version: a digit first, then letters, digits and single ".", "+", "_" or "-", at most 64 characters');

export const projectRoles = ['owner', 'maintainer'] as const;
export const ProjectRole = z.enum(projectRoles);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const ProjectSummary = z.object({
  // As created (the display name); the normalised form is what matters for lookups.
  name: z.string(),
  role: ProjectRole,
  createdAt: Timestamp,
  latestRelease: z.object({ version: z.string(), publishedAt: Timestamp }).nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;
export const ProjectsResponse = z.object({ projects: z.array(ProjectSummary) });
export type ProjectsResponse = z.infer<typeof ProjectsResponse>;

export const ReleaseParams = z.strictObject({ name: ProjectName, version: Version });
export type ReleaseParams = z.infer<typeof ReleaseParams>;

/** The largest artifact a release may have: 10 MiB. */
export const maxArtifactBytes = 10 * 1024 * 1024;
export const artifactMediaType = 'application/octet-stream';

export const ReleaseResponse = z.object({
  project: z.string(),
  version: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(1).max(maxArtifactBytes),
  publishedAt: Timestamp,
});
export type ReleaseResponse = z.infer<typeof ReleaseResponse>;
