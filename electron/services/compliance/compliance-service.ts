// The Projects page's data: every signed-in account's estate (one GET /projects?include=collaborators,tokens
// each, in parallel), judged by the shared rules; one project in full; an owner's policy change or collaborator
// removal; and the table exported as CSV or JSON. The last estate of each account is kept in memory so a project
// page and an export show what the table showed, without asking the registry again.
import type { EstateProject, ProjectPolicy } from '../../../registry/contract/estate-schemas.ts';
import { auditProject } from '../../../compliance/compliance-rules.ts';
import type { AccountCompliance, AccountRef, ComplianceRow, ProjectCompliance } from '../../ipc/contract.ts';
import { toIpcError } from '../../ipc/error-mapping.ts';
import { AppError } from '../app-error.ts';
import type { RegistryCaller } from '../registry-caller.ts';
import { isRegistryError } from '../registry-error.ts';
import type { SecretOutlet } from '../secret-outlet.ts';
import type { SessionService } from '../session-service.ts';
import { audited, complianceCsv, complianceJson, complianceRow } from './compliance-table.ts';

const key = (account: AccountRef) => `${account.username}\n${account.registryUrl}`;
const same = (a: AccountRef, b: AccountRef) => a.registryUrl === b.registryUrl && a.username === b.username;

export interface ComplianceServiceOptions {
  call: RegistryCaller;
  sessions: Pick<SessionService, 'signedInSessions' | 'activeSession'>;
  // Where an export goes: main's save dialog (Electron), or back to the page to download (a browser tab).
  outlet: Pick<SecretOutlet, 'kind' | 'save'>;
  now?: () => number;
  log?: (message: string) => void;
}

export function createComplianceService(options: ComplianceServiceOptions) {
  const { call, sessions, outlet } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const estates = new Map<string, readonly EstateProject[]>();

  async function fetchEstate(account: AccountRef): Promise<readonly EstateProject[]> {
    const { projects } = await call((client, { token }) => client.listEstate(token), account);
    estates.set(key(account), projects);
    return projects;
  }

  async function table(): Promise<AccountCompliance[]> {
    const signedIn = await sessions.signedInSessions();
    const at = now();
    return Promise.all(
      signedIn.map(async ({ account }): Promise<AccountCompliance> => {
        try {
          const projects = await fetchEstate(account);
          return { status: 'ok', account, rows: projects.map((project) => complianceRow(account, project, at)) };
        } catch (error) {
          // One registry down (or one session ended) must not hide the other accounts' projects.
          return { status: 'failed', account, error: toIpcError(error, log, 'projects:compliance') };
        }
      }),
    );
  }

  async function requireActive(account: AccountRef): Promise<void> {
    const active = await sessions.activeSession();
    if (!active || !same(active.account, account)) {
      throw new AppError('invalid_request', 'account: switch to this account first; changes are made as the active account');
    }
  }

  // An owner's change as the active account, then the estate read again so the project page shows it. A 404 means
  // the project or the collaborator is already gone (changed elsewhere): said so, and the page shows what is left.
  async function change(account: AccountRef, work: () => Promise<void>): Promise<{ done: true }> {
    await requireActive(account);
    try {
      await work();
    } catch (error) {
      if (!isRegistryError(error) || error.code !== 'not_found') throw error;
      await fetchEstate(account).catch(() => undefined);
      throw new AppError('not_found', 'That project or collaborator is already gone: it was changed elsewhere.');
    }
    await fetchEstate(account);
    return { done: true };
  }

  return {
    async compliance(): Promise<{ accounts: AccountCompliance[] }> {
      return { accounts: await table() };
    },

    async detail(request: { account: AccountRef; name: string }): Promise<ProjectCompliance> {
      const find = (projects: readonly EstateProject[]) => projects.find((project) => project.name === request.name);
      const project = find(estates.get(key(request.account)) ?? []) ?? find(await fetchEstate(request.account));
      if (!project) throw new AppError('not_found', 'No project of this account has that name.');
      const subject = audited(project);
      const verdict = auditProject(subject, now());
      return {
        account: request.account,
        project: { ...project, collaborators: [...subject.collaborators], tokens: [...subject.tokens] },
        status: verdict.status,
        findings: verdict.findings.map(({ rule, severity, reason, fix }) => ({ rule, severity, reason, fix })),
      };
    },

    setPolicy: (request: { account: AccountRef; name: string; policy: ProjectPolicy }) =>
      change(request.account, () => call((client, { token }) => client.setProjectPolicy(token, request.name, request.policy))),

    removeCollaborator: (request: { account: AccountRef; name: string; username: string }) =>
      change(request.account, () => call((client, { token }) => client.removeCollaborator(token, request.name, request.username))),

    async export(request: { format: 'csv' | 'json' }) {
      const rows: ComplianceRow[] = (await table()).flatMap((part) => (part.status === 'ok' ? part.rows : []));
      const date = new Date(now());
      const fileName = `vigil-compliance-${date.toISOString().slice(0, 10)}.${request.format}`;
      const content = request.format === 'csv' ? complianceCsv(rows) : complianceJson(rows, date);
      const mediaType = request.format === 'csv' ? 'text/csv' : 'application/json';
      if (outlet.kind === 'page') return { savedBy: 'page' as const, fileName, mediaType, content };
      return { savedBy: 'main' as const, saved: (await outlet.save(fileName, content)).saved };
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
