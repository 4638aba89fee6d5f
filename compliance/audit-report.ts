// What the CI check prints: a plain table for a log, or JSON for a machine, from the same verdicts.
import type { ProjectStatus, Verdict } from './compliance-rules.ts';

export interface AuditedRow {
  project: string;
  role: string;
  verdict: Verdict;
}

const statusLabel: Record<ProjectStatus, string> = { failing: 'FAILING', 'at-risk': 'AT RISK', compliant: 'compliant' };

export function tableReport(registryUrl: string, username: string, rows: readonly AuditedRow[]): string {
  const width = Math.max(7, ...rows.map((row) => row.project.length));
  const lines = [`Vigil compliance for ${username} on ${registryUrl}: ${rows.length} project${rows.length === 1 ? '' : 's'}`, ''];
  lines.push(`${'PROJECT'.padEnd(width)}  ${'STATUS'.padEnd(9)}  FINDINGS`);
  for (const row of rows) {
    lines.push(`${row.project.padEnd(width)}  ${statusLabel[row.verdict.status].padEnd(9)}  ${row.verdict.findings.length}`);
  }
  const findings = rows.flatMap((row) => row.verdict.findings.map((finding) => ({ project: row.project, finding })));
  if (findings.length > 0) lines.push('');
  for (const { project, finding } of findings) {
    lines.push(`${project}: ${finding.severity} [${finding.rule}] ${finding.reason}`, `  fix: ${finding.fix}`);
  }
  return `${lines.join('\n')}\n`;
}

export function jsonReport(registryUrl: string, username: string, rows: readonly AuditedRow[], now: Date): string {
  return `${JSON.stringify(
    {
      registry: registryUrl,
      account: username,
      generatedAt: now.toISOString(),
      projects: rows.map((row) => ({ name: row.project, role: row.role, status: row.verdict.status, findings: row.verdict.findings })),
    },
    null,
    2,
  )}\n`;
}
