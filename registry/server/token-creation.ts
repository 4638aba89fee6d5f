// POST /tokens: a new API token, shown once. The rules, in the order they are checked: a read-write token needs
// two-factor authentication on the account (a token that can publish is worth stealing, and the account that
// makes one must be hard to take over), lasts 7 days unless asked and 90 at most; a read-only one 30 days unless
// asked and 365 at most. Each named project must be one the caller collaborates on. An active token of the
// account may not already have the name (case aside): names are how people tell tokens apart.
import { parseCidr } from '../contract/cidr.ts';
import { normalizeProjectName } from '../contract/project-schemas.ts';
import { tokenLifetimes, type CreatedToken, type CreateTokenRequest } from '../contract/token-schemas.ts';
import { apiTokenKey, apiTokenPreview, generateApiToken } from '../security/api-tokens.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';
import { sessionAccount } from './session-account.ts';
import { tokenView } from './token-view.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock'>;

const day = 24 * 60 * 60 * 1000;

/** Canonical, without repeats; the schema has already refused anything that is not a range. */
function canonicalRanges(ranges: readonly string[]): string[] {
  const canonical = ranges.map((text) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new ApiError(400, 'invalid_request', `allowedCidrs: ${parsed.message}`);
    return parsed.range.text;
  });
  return [...new Set(canonical)];
}

function lifetimeDays(request: CreateTokenRequest): number {
  const limits = tokenLifetimes[request.permission];
  const days = request.expiresInDays ?? limits.defaultDays;
  if (days > limits.maxDays) {
    throw new ApiError(400, 'invalid_request', `expiresInDays: a ${request.permission} token lasts at most ${limits.maxDays} days`);
  }
  return days;
}

function projectIds(deps: Dependencies, accountId: number, projects: CreateTokenRequest['projects']): number[] | 'all' {
  if (projects === 'all') return 'all';
  const ids = projects.map((name) => {
    const project = deps.store.projects.findByNormalizedName(normalizeProjectName(name));
    // Unknown and not yours answer alike: either way the token cannot have it.
    if (!project || !deps.store.projects.roleOf(project.id, accountId)) {
      throw new ApiError(403, 'not_a_collaborator', `You are not a collaborator on a project named "${name}"`);
    }
    return project.id;
  });
  return [...new Set(ids)];
}

export function createApiToken(
  deps: Dependencies,
  session: AuthenticatedSession,
  request: CreateTokenRequest,
  who: RequestContext,
): CreatedToken {
  const { store, clock } = deps;
  const account = sessionAccount(store, session);
  const twoFactor = account.totpSecret !== null;
  if (request.permission === 'read-write' && !twoFactor) {
    throw new ApiError(403, 'two_factor_required', 'Read-write tokens need two-factor authentication on the account: turn it on first');
  }
  const days = lifetimeDays(request);
  const allowedCidrs = canonicalRanges(request.allowedCidrs ?? []);
  const projects = projectIds(deps, account.id, request.projects);
  const token = generateApiToken();
  return transaction(store.db, () => {
    const now = clock();
    if (store.apiTokens.activeNameTaken(account.id, request.name, now)) {
      throw new ApiError(409, 'name_taken', 'An active token of this account already has that name');
    }
    const id = store.apiTokens.insert({
      accountId: account.id,
      key: apiTokenKey(token),
      preview: apiTokenPreview(token),
      name: request.name,
      description: request.description ?? '',
      permission: request.permission,
      projectIds: projects,
      allowedCidrs,
      bypass2fa: request.bypass2fa ?? false,
      createdWith2fa: twoFactor,
      createdAt: now,
      expiresAt: now + days * day,
    });
    const created = store.apiTokens.findById(id)!;
    const view = tokenView(store, created);
    store.events.append({
      accountId: account.id,
      type: 'token.created',
      time: now,
      ...who,
      details: {
        id: view.id,
        name: view.name,
        permission: view.permission,
        projects: view.projects === 'all' ? 'all' : view.projects.join(','),
        expiresAt: view.expiresAt,
      },
    });
    return { ...view, token };
  });
}
