// The compliance table: one row per project of a signed-in account, judged by the shared rules, and the same table
// as CSV or JSON for export. Pure, so the wording, counts and file formats are unit tested.
import { auditProject, type AuditedProject } from '../../../compliance/compliance-rules.ts';
import type { EstateProject } from '../../../registry/contract/estate-schemas.ts';
import type { AccountRef, ComplianceRow } from '../../ipc/contract.ts';
import { csvText } from '../csv.ts';

/** The project as the rules read it (a registry that left out collaborators or tokens gave none). */
export function audited(project: EstateProject): AuditedProject {
  return { name: project.name, policy: project.policy, collaborators: project.collaborators ?? [], tokens: project.tokens ?? [] };
}

export function complianceRow(account: AccountRef, project: EstateProject, now: number): ComplianceRow {
  const subject = audited(project);
  const verdict = auditProject(subject, now);
  const writeTokens = subject.tokens.filter((token) => token.permission === 'read-write');
  return {
    account,
    name: project.name,
    role: project.role,
    policy: project.policy,
    collaboratorsWithout2fa: subject.collaborators.filter((person) => !person.twoFactor.enabled).map((person) => person.username),
    writeTokens: writeTokens.length,
    bypassTokens: writeTokens.filter((token) => token.bypass2fa).length,
    status: verdict.status,
    findings: verdict.findings.map(({ rule, severity, reason, fix }) => ({ rule, severity, reason, fix })),
  };
}

const csvColumns = [
  'registry',
  'account',
  'project',
  'role',
  'status',
  'publish requires 2FA',
  'automation tokens bypass 2FA',
  'collaborators without 2FA',
  'read-write tokens',
  'read-write tokens bypassing 2FA',
  'findings',
] as const;

export function complianceCsv(rows: readonly ComplianceRow[]): string {
  return csvText(
    csvColumns,
    rows.map((row) => [
      row.account.registryUrl,
      row.account.username,
      row.name,
      row.role,
      row.status,
      row.policy.publishRequires2fa,
      row.policy.automationTokensBypass2fa,
      row.collaboratorsWithout2fa.join(' '),
      row.writeTokens,
      row.bypassTokens,
      row.findings.map((finding) => `${finding.severity}: ${finding.reason}`).join(' | '),
    ]),
  );
}

export function complianceJson(rows: readonly ComplianceRow[], generatedAt: Date): string {
  return `${JSON.stringify({ generatedAt: generatedAt.toISOString(), projects: rows }, null, 2)}\n`;
}
