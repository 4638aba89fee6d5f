// The bodies `npm token create` sends, read as the registry's own token request. npm 10 sends
// {password, readonly, cidr_whitelist}: a token for every project, read-write unless --read-only, named here
// (npm 10 has no names). npm 11 sends a granular request: name (null unless --name), the packages it covers or
// packages_all, packages_and_scopes_permission, expires in days, and more. The registry has projects but no npm
// scopes or organisations, and does not stage releases: asking for those is refused, not ignored, so nobody
// believes a token is narrower than it is. For the same reason an unknown field is refused (strict objects).
import { z } from 'zod';
import { ProjectName } from '../../contract/project-schemas.ts';
import { AllowedCidr, CreateTokenRequest, maxAllowedCidrs, maxTokenProjects, tokenLifetimes } from '../../contract/token-schemas.ts';
import { ApiError } from '../errors.ts';
import { parseWith } from '../validation.ts';

const Password = z.string().min(1).max(1024);
const CidrWhitelist = z.array(AllowedCidr).max(maxAllowedCidrs);

const Npm10Body = z.strictObject({
  password: Password,
  readonly: z.boolean(),
  cidr_whitelist: CidrWhitelist.optional(),
});

const GranularBody = z.strictObject({
  name: CreateTokenRequest.shape.name.nullable().optional(),
  password: Password,
  description: CreateTokenRequest.shape.description,
  packages: z.array(ProjectName).max(maxTokenProjects).optional(),
  packages_all: z.boolean().optional(),
  scopes: z.array(z.string().max(214)).optional(),
  orgs: z.array(z.string().max(214)).optional(),
  packages_and_scopes_permission: z.enum(['read-only', 'read-write', 'read-write-stage-only', 'no-access']).optional(),
  // Without organisations there is nothing for it to grant; accepted so that npm's defaults do not fail.
  orgs_permission: z.enum(['read-only', 'read-write', 'no-access']).optional(),
  expires: z.number().int().min(1).max(tokenLifetimes['read-only'].maxDays).optional(),
  cidr_whitelist: CidrWhitelist.optional(),
  bypass_2fa: z.boolean().optional(),
});
type GranularBody = z.infer<typeof GranularBody>;

export interface NpmTokenRequest {
  password: string;
  /** The token request without its name when npm gave none (see npm-token-name.ts). */
  token: Omit<CreateTokenRequest, 'name'> & { name: string | null };
}

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);

export function readNpmTokenRequest(body: unknown): NpmTokenRequest {
  if (body !== null && typeof body === 'object' && 'readonly' in body) {
    const npm10 = parseWith(Npm10Body, body, 'body');
    return {
      password: npm10.password,
      token: {
        name: null,
        permission: npm10.readonly ? 'read-only' : 'read-write',
        projects: 'all',
        allowedCidrs: npm10.cidr_whitelist ?? [],
      },
    };
  }
  const granular = parseWith(GranularBody, body, 'body');
  const permission = granularPermission(granular);
  const maxDays = tokenLifetimes[permission].maxDays;
  if (granular.expires !== undefined && granular.expires > maxDays) {
    throw invalid(`expires: a ${permission} token lasts at most ${maxDays} days`);
  }
  return {
    password: granular.password,
    token: {
      name: granular.name ?? null,
      ...(granular.description ? { description: granular.description } : {}),
      permission,
      projects: granularProjects(granular),
      ...(granular.expires === undefined ? {} : { expiresInDays: granular.expires }),
      allowedCidrs: granular.cidr_whitelist ?? [],
      bypass2fa: granular.bypass_2fa ?? false,
    },
  };
}

// A token that can publish has to be asked for; without a permission, npm's request gets a read-only one.
function granularPermission(body: GranularBody): CreateTokenRequest['permission'] {
  switch (body.packages_and_scopes_permission) {
    case undefined:
    case 'read-only':
      return 'read-only';
    case 'read-write':
      return 'read-write';
    case 'read-write-stage-only':
      throw invalid('packages_and_scopes_permission: this registry does not stage releases; choose read-write or read-only');
    case 'no-access':
      throw invalid('packages_and_scopes_permission: with no organisations here, a token needs read-only or read-write access to packages');
  }
}

function granularProjects(body: GranularBody): CreateTokenRequest['projects'] {
  if (body.scopes?.length) throw invalid('scopes: this registry has no npm scopes; name the projects with --packages');
  if (body.orgs?.length) throw invalid('orgs: this registry has no organisations');
  const packages = body.packages ?? [];
  if (body.packages_all && packages.length > 0) throw invalid('Give either packages or packages_all, not both');
  if (body.packages_all) return 'all';
  if (packages.length === 0) throw invalid('Choose what the token covers: --packages <name> (repeatable) or --packages-all');
  return packages;
}
