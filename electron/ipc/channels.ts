// The names of every IPC channel. Kept apart from the schemas so the preload can list them without bundling zod.
export const channelNames = [
  'app:get-info',
  'session:get-current',
  'session:sign-in',
  'session:verify',
  'session:switch',
  'session:sign-out',
  'session:confirm',
  'account:get-overview',
  'account:list-failed-sign-ins',
  'two-factor:start',
  'two-factor:activate',
  'two-factor:disable',
  'recovery-codes:generate',
  'recovery-codes:check',
  'password:change',
  'sessions:list',
  'sessions:end',
  'sessions:end-others',
  'secrets:copy',
  'secrets:save',
  'projects:list',
  'tokens:list',
  'tokens:create',
  'tokens:revoke',
  'tokens:revoke-many',
  'projects:compliance',
  'projects:detail',
  'projects:set-policy',
  'projects:remove-collaborator',
  'projects:export',
  'token-finder:start',
  'token-finder:status',
  'token-finder:cancel',
] as const;
export type ChannelName = (typeof channelNames)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (channelNames as readonly string[]).includes(value);
}
