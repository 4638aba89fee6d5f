// The compliance rules, in one place: the console's Projects page and the CI check (`npm run audit`) both judge a
// project with these and nothing else. Each rule has an id, a severity, a plain reason naming who or what, and
// the fix. A project is failing when any failing rule fires, at risk when only at-risk ones do, and compliant
// when none does. Plain TypeScript over the registry's estate answer, so it runs in main, in CI and in tests.
import type { Collaborator, EstateProject, ReachingToken } from '../registry/contract/estate-schemas.ts';

export type Severity = 'failing' | 'at-risk';
export type ProjectStatus = Severity | 'compliant';

export const ruleIds = [
  'collaborator-without-2fa',
  'publish-without-2fa',
  'bypass-token-without-ip-limit',
  'write-token-for-all-projects',
  'stale-token',
  'long-lived-token',
] as const;
export type RuleId = (typeof ruleIds)[number];

export interface Finding {
  rule: RuleId;
  severity: Severity;
  reason: string;
  fix: string;
  // Whom or what it is about: a collaborator's username or a token's id, when it is about one.
  subject: { kind: 'collaborator'; username: string } | { kind: 'token'; id: string; holder: string; name: string } | { kind: 'project' };
}

export interface Verdict {
  status: ProjectStatus;
  findings: Finding[];
}

/** What the rules read: a project with its policy, collaborators and the tokens that reach it. */
export type AuditedProject = Pick<EstateProject, 'name' | 'policy'> & {
  collaborators: readonly Collaborator[];
  tokens: readonly ReachingToken[];
};

const day = 24 * 60 * 60 * 1000;
// As the Tokens page judges them (electron/services/tokens/token-flags.ts): unused for 90 days, or never used in
// the 30 days since it was made.
export const staleAfterDays = { neverUsed: 30, unused: 90 } as const;
// npm caps write tokens at 90 days; anything living longer is a credential that outlives its purpose.
export const longLivedDays = 90;

export function isStale(token: Pick<ReachingToken, 'createdAt' | 'lastUsed'>, now: number): boolean {
  if (token.lastUsed) return now - Date.parse(token.lastUsed.time) > staleAfterDays.unused * day;
  return now - Date.parse(token.createdAt) > staleAfterDays.neverUsed * day;
}

const tokenLabel = (token: ReachingToken) => `${token.holder}'s token "${token.name}"`;
const tokenSubject = (token: ReachingToken): Finding['subject'] => ({ kind: 'token', id: token.id, holder: token.holder, name: token.name });

type Rule = (project: AuditedProject, now: number) => Finding[];

const rules: Record<RuleId, Rule> = {
  'collaborator-without-2fa': (project) =>
    project.collaborators
      .filter((collaborator) => !collaborator.twoFactor.enabled)
      .map((collaborator) => ({
        rule: 'collaborator-without-2fa',
        severity: 'failing',
        reason: `${collaborator.username} (${collaborator.role}) can publish ${project.name} without two-factor authentication.`,
        fix: `Ask ${collaborator.username} to turn on 2FA, or remove them from ${project.name}.`,
        subject: { kind: 'collaborator', username: collaborator.username },
      })),

  'publish-without-2fa': (project) =>
    project.policy.publishRequires2fa
      ? []
      : [
          {
            rule: 'publish-without-2fa',
            severity: 'failing',
            reason: `Publishing ${project.name} does not require 2FA: a stolen password or session is enough to publish.`,
            fix: `An owner turns on "Require 2FA for publishing" for ${project.name}.`,
            subject: { kind: 'project' },
          },
        ],

  'bypass-token-without-ip-limit': (project) =>
    project.tokens
      .filter((token) => token.permission === 'read-write' && token.bypass2fa && token.allowedCidrs.length === 0)
      .map((token) => ({
        rule: 'bypass-token-without-ip-limit',
        severity: 'at-risk',
        reason: `${tokenLabel(token)} can publish ${project.name} without a one-time code, from any address.`,
        fix: `Limit it to the IP ranges of the CI that uses it, or revoke it.`,
        subject: tokenSubject(token),
      })),

  'write-token-for-all-projects': (project) =>
    project.tokens
      .filter((token) => token.permission === 'read-write' && token.allProjects)
      .map((token) => ({
        rule: 'write-token-for-all-projects',
        severity: 'at-risk',
        reason: `${tokenLabel(token)} can publish every project of ${token.holder}, ${project.name} included.`,
        fix: `Replace it with a token scoped to the projects it publishes.`,
        subject: tokenSubject(token),
      })),

  'stale-token': (project, now) =>
    project.tokens
      .filter((token) => isStale(token, now))
      .map((token) => ({
        rule: 'stale-token',
        severity: 'at-risk',
        reason: token.lastUsed
          ? `${tokenLabel(token)} reaches ${project.name} but has not been used for over ${staleAfterDays.unused} days.`
          : `${tokenLabel(token)} reaches ${project.name} but has never been used since it was made.`,
        fix: `Revoke it; make a new one when something needs it.`,
        subject: tokenSubject(token),
      })),

  'long-lived-token': (project, now) =>
    project.tokens
      .filter((token) => Date.parse(token.expiresAt) - now > longLivedDays * day)
      .map((token) => ({
        rule: 'long-lived-token',
        severity: 'at-risk',
        reason: `${tokenLabel(token)} reaches ${project.name} and expires more than ${longLivedDays} days from now.`,
        fix: `Replace it with one that expires within ${longLivedDays} days.`,
        subject: tokenSubject(token),
      })),
};

export function auditProject(project: AuditedProject, now: number): Verdict {
  const findings = ruleIds.flatMap((id) => rules[id](project, now));
  const status: ProjectStatus = findings.some((finding) => finding.severity === 'failing')
    ? 'failing'
    : findings.length > 0
      ? 'at-risk'
      : 'compliant';
  return { status, findings };
}

const rank: Record<ProjectStatus, number> = { compliant: 0, 'at-risk': 1, failing: 2 };

/** True when `status` is at least as bad as `threshold` (the CI check's --fail-on). */
export function reaches(status: ProjectStatus, threshold: Severity): boolean {
  return rank[status] >= rank[threshold];
}
