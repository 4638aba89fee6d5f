// The Projects page's wording, sorting and filtering, pure so they are unit tested.
import type { ComplianceRow } from '../bridge/contract.ts';

export type Status = ComplianceRow['status'];

export const statusText: Record<Status, string> = { failing: 'Failing', 'at-risk': 'At risk', compliant: 'Compliant' };

export function accountText(account: { registryUrl: string; username: string }): string {
  return `${account.username} on ${account.registryUrl}`;
}

export function policyText(policy: ComplianceRow['policy']): string {
  if (!policy.publishRequires2fa) return '2FA not required';
  return policy.automationTokensBypass2fa ? '2FA required (automation tokens exempt)' : '2FA required';
}

export function writeTokensText(row: Pick<ComplianceRow, 'writeTokens' | 'bypassTokens'>): string {
  if (row.writeTokens === 0) return 'None';
  return row.bypassTokens === 0 ? String(row.writeTokens) : `${row.writeTokens} (${row.bypassTokens} bypass 2FA)`;
}

export type ProjectSortKey = 'name' | 'account' | 'status';
const severity: Record<Status, number> = { failing: 0, 'at-risk': 1, compliant: 2 };

export function sortRows(rows: readonly ComplianceRow[], key: ProjectSortKey, direction: 'ascending' | 'descending'): ComplianceRow[] {
  const value = (row: ComplianceRow): string | number =>
    key === 'status' ? severity[row.status] : key === 'account' ? accountText(row.account).toLocaleLowerCase() : row.name.toLocaleLowerCase();
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [left, right] = [value(a), value(b)];
    return (left < right ? -1 : left > right ? 1 : a.name.localeCompare(b.name)) * sign;
  });
}

export interface ProjectFilter {
  text: string;
  status: 'any' | Status;
}

export function filterRows(rows: readonly ComplianceRow[], filter: ProjectFilter): ComplianceRow[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  return rows.filter(
    (row) =>
      (filter.status === 'any' || row.status === filter.status) &&
      (needle === '' ||
        [row.name, accountText(row.account), ...row.collaboratorsWithout2fa].some((text) => text.toLocaleLowerCase().includes(needle))),
  );
}

// Where a project's page is: the hash route with the account and name in the query, so any name is safe in it.
export function projectHref(row: Pick<ComplianceRow, 'account' | 'name'>): string {
  const query = new URLSearchParams({ registry: row.account.registryUrl, user: row.account.username, name: row.name });
  return `/project?${query.toString()}`;
}
