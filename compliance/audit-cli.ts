// The CI check: `npm run audit -- --registry <url> [--format table|json] [--fail-on failing|at-risk]`. It reads
// the estate of the account behind VIGIL_TOKEN (a read-only API token, from the environment only: a flag would
// land in shell history and CI logs) and judges it with the console's own rules. Exit 0 when nothing reaches the
// threshold, 1 when something does, 2 for usage, authentication or connection trouble, each with one line saying
// why. The token is never printed.
import { parseArgs } from 'node:util';
import { createRegistryClient, type RegistryClient } from '../electron/services/registry-client.ts';
import { isRegistryError } from '../electron/services/registry-error.ts';
import { canonicalRegistryUrl } from '../electron/services/registry-url.ts';
import { apiTokenShape } from '../registry/contract/token-schemas.ts';
import { auditProject, reaches, type Severity } from './compliance-rules.ts';
import { jsonReport, tableReport, type AuditedRow } from './audit-report.ts';

export const usage = 'usage: npm run audit -- --registry <url> [--format table|json] [--fail-on failing|at-risk]  (token in VIGIL_TOKEN)';

export interface AuditOutcome {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

class AuditFailure extends Error {}

interface Options {
  registryUrl: string;
  format: 'table' | 'json';
  failOn: Severity;
}

function parseOptions(argv: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { registry: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, token: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AuditFailure(`${error instanceof Error ? error.message.split('\n')[0] : 'bad arguments'}; ${usage}`);
  }
  if (values.token !== undefined) throw new AuditFailure('the token goes in the VIGIL_TOKEN environment variable, never on the command line');
  if (!values.registry) throw new AuditFailure(`--registry is required; ${usage}`);
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new AuditFailure(`--format must be table or json, not "${format}"`);
  const failOn = values['fail-on'] ?? 'failing';
  if (failOn !== 'failing' && failOn !== 'at-risk') throw new AuditFailure(`--fail-on must be failing or at-risk, not "${failOn}"`);
  let registryUrl: string;
  try {
    registryUrl = canonicalRegistryUrl(values.registry);
  } catch (error) {
    throw new AuditFailure(`--registry: ${error instanceof Error ? error.message : 'not a registry URL'}`);
  }
  return { registryUrl, format, failOn };
}

// The registry's refusal, in words for a CI log; never the token.
function registryProblem(error: unknown, registryUrl: string): AuditFailure {
  if (!isRegistryError(error)) throw error;
  if (error.code === 'registry_unreachable') return new AuditFailure(`cannot reach the registry at ${registryUrl}`);
  if (['invalid_token', 'token_expired', 'token_revoked', 'ip_not_allowed', 'unauthenticated'].includes(error.code)) {
    return new AuditFailure(`the registry refused VIGIL_TOKEN: ${error.message}`);
  }
  return new AuditFailure(`the registry answered ${error.code}: ${error.message}`);
}

async function audit(client: RegistryClient, token: string, options: Options, now: () => Date): Promise<AuditOutcome> {
  let who;
  let estate;
  try {
    who = await client.whoami(token);
    if (who.token?.permission === 'read-write') {
      throw new AuditFailure('VIGIL_TOKEN can publish; give the check a read-only token (it only reads)');
    }
    estate = await client.listEstate(token);
  } catch (error) {
    if (error instanceof AuditFailure) throw error;
    throw registryProblem(error, options.registryUrl);
  }
  const at = now();
  const rows: AuditedRow[] = estate.projects.map((project) => ({
    project: project.name,
    role: project.role,
    verdict: auditProject(
      { name: project.name, policy: project.policy, collaborators: project.collaborators ?? [], tokens: project.tokens ?? [] },
      at.getTime(),
    ),
  }));
  const stdout =
    options.format === 'json'
      ? jsonReport(options.registryUrl, who.username, rows, at)
      : tableReport(options.registryUrl, who.username, rows);
  const over = rows.filter((row) => reaches(row.verdict.status, options.failOn));
  const stderr = over.length === 0 ? '' : `${over.length} project${over.length === 1 ? '' : 's'} at or above "${options.failOn}"\n`;
  return { code: over.length === 0 ? 0 : 1, stdout, stderr };
}

export async function runAudit(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date = () => new Date(),
): Promise<AuditOutcome> {
  try {
    const options = parseOptions(argv);
    const token = env.VIGIL_TOKEN?.trim() ?? '';
    if (token === '') throw new AuditFailure('VIGIL_TOKEN is not set: make a read-only token on the Tokens page and put it there');
    if (!apiTokenShape.test(token)) throw new AuditFailure('VIGIL_TOKEN is not a Vigil API token (vgl_…)');
    return await audit(createRegistryClient({ baseUrl: options.registryUrl }), token, options, now);
  } catch (error) {
    if (error instanceof AuditFailure) return { code: 2, stdout: '', stderr: `vigil audit: ${error.message}\n` };
    throw error;
  }
}

if (import.meta.main) {
  const outcome = await runAudit(process.argv.slice(2), process.env);
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
