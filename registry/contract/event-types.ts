// Every type of audit event, in a module of its own with no dependency, so the console's window can list and name
// them (the Activity page's filter) without bundling the contract's schemas.
export const eventTypes = [
  'login.success',
  'login.failure',
  // Attempts refused while rate limited, one event per account, address and window: details count, firstAt, lastAt.
  'login.rate_limited',
  'recovery_code.used',
  // details.reason: sign_out | revoked | password_changed.
  'session.ended',
  'session.confirmed',
  // details.reason: invalid_password | invalid_totp | replayed_totp.
  'session.confirm_failed',
  // details.method: totp.
  'two_factor.enabled',
  'two_factor.replaced',
  'two_factor.disabled',
  // details.reason: enabled | regenerated.
  'recovery_codes.generated',
  // details.status: valid | used | unknown.
  'recovery_code.checked',
  'password.changed',
  // API tokens; details never hold a token, only its id and name. token.created: id, name, permission, projects
  // ("all" or the names joined with ","), expiresAt.
  'token.created',
  // details.reason: user (one token) | bulk (several at once); id, name.
  'token.revoked',
  // A token that exists was refused. details.reason: token_expired | token_revoked | ip_not_allowed |
  // read_only_token | out_of_scope | not_a_collaborator; id, name, and project when publishing.
  'token.refused',
  // An accepted use from an address this token was never used from before: id, name (the event's ip is the address).
  'token.used_from_new_ip',
  // details: project, version, via (session | token), tokenId and tokenName (null via a session).
  'release.published',
  // Project events are appended to the log of the account that acted and of each owner of the project (and, for a
  // collaborator added or removed, of that collaborator), each copy alike: details.project, details.actor.
  // project.policy_changed: before and after, each none | publish | automation (npm's mfa levels).
  'project.policy_changed',
  // collaborator.added and collaborator.removed: username, role.
  'collaborator.added',
  'collaborator.removed',
  // Publishing refused by the project's policy. details.reason: two_factor_required (the publisher has no 2FA) |
  // invalid_otp (a wrong or replayed one-time code); version (null when npm's had not arrived yet), via, tokenId,
  // tokenName. A publish sent without a code (otp_required) is not logged: it is the first half of npm's
  // challenge, sent before every interactive publish.
  'release.refused',
] as const;
