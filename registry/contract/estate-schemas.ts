// A maintainer's estate for compliance: each project's publish policy, its collaborators with their 2FA state,
// and the active tokens that can reach it. GET /projects/{name} answers one project in full; GET /projects with
// ?include=collaborators,tokens answers every project of the caller at once.
import { z } from 'zod';
import { ProjectName, ProjectRole, ProjectSummary } from './project-schemas.ts';
import { Timestamp } from './schemas.ts';
import { TokenId, TokenPermission } from './token-schemas.ts';

export const ProjectPolicy = z.object({
  // Publishing needs a current one-time code, and every collaborator needs 2FA.
  publishRequires2fa: z.boolean(),
  // With the above on, a token marked bypass2fa publishes without a code (npm's "automation" tokens). It means
  // nothing while publishRequires2fa is off, so it is then stored (and answered) as false.
  automationTokensBypass2fa: z.boolean(),
});
export type ProjectPolicy = z.infer<typeof ProjectPolicy>;
export const PolicyRequest = ProjectPolicy.strict();

/** The policy in npm's words (`npm access set mfa=none|publish|automation`), as the audit log records it. */
export const policyLevels = ['none', 'publish', 'automation'] as const;
export type PolicyLevel = (typeof policyLevels)[number];

export function policyLevel(policy: ProjectPolicy): PolicyLevel {
  if (!policy.publishRequires2fa) return 'none';
  return policy.automationTokensBypass2fa ? 'automation' : 'publish';
}

export function policyOfLevel(level: PolicyLevel): ProjectPolicy {
  return { publishRequires2fa: level !== 'none', automationTokensBypass2fa: level === 'automation' };
}

export const Collaborator = z.object({
  username: z.string(),
  role: ProjectRole,
  twoFactor: z.object({ enabled: z.boolean(), enabledAt: Timestamp.nullable() }),
  addedAt: Timestamp,
  lastPublishedAt: Timestamp.nullable(),
});
export type Collaborator = z.infer<typeof Collaborator>;

/** An active token that can reach a project: never its preview, key or secret. */
export const ReachingToken = z.object({
  id: TokenId,
  holder: z.string(),
  name: z.string(),
  permission: TokenPermission,
  // Reaches the project by covering all of its holder's projects rather than naming this one.
  allProjects: z.boolean(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsed: z.object({ time: Timestamp, ip: z.string() }).nullable(),
  bypass2fa: z.boolean(),
  allowedCidrs: z.array(z.string()),
});
export type ReachingToken = z.infer<typeof ReachingToken>;

export const ProjectParams = z.strictObject({ name: ProjectName });
export const CollaboratorParams = z.strictObject({ name: ProjectName, username: z.string().min(1).max(100) });
export const AddCollaboratorRequest = z.strictObject({ username: z.string().trim().min(1).max(100), role: ProjectRole });

export const ProjectDetail = z.object({
  name: z.string(),
  createdAt: Timestamp,
  policy: ProjectPolicy,
  collaborators: z.array(Collaborator),
  // Newest first, a few.
  latestReleases: z.array(z.object({ version: z.string(), publishedAt: Timestamp, publishedBy: z.string() })),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const estateParts = ['collaborators', 'tokens'] as const;
export type EstatePart = (typeof estateParts)[number];
// ?include=collaborators,tokens: comma-separated, or the parameter repeated; without it, each project's summary
// and policy only (what GET /projects always answered, plus the policy).
const IncludeText = z.string().max(100);
export const EstateQuery = z.strictObject({
  include: z
    .union([IncludeText, z.array(IncludeText).min(1).max(estateParts.length)])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((text) => text.split(',')))
    .pipe(z.array(z.enum(estateParts)))
    .optional(),
});
export type EstateQuery = z.infer<typeof EstateQuery>;
export const EstateProject = ProjectSummary.extend({
  policy: ProjectPolicy,
  // With include=collaborators.
  collaborators: z.array(Collaborator).optional(),
  // With include=tokens: for owners every collaborator's tokens that reach the project, for maintainers their own.
  tokens: z.array(ReachingToken).optional(),
});
export type EstateProject = z.infer<typeof EstateProject>;
export const EstateResponse = z.object({ projects: z.array(EstateProject) });
export type EstateResponse = z.infer<typeof EstateResponse>;
