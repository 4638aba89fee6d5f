// The registry's HTTP API as a test reaches it directly, beside the console: to act as someone else holding the
// owner's password and a code, and to check at the registry what the console's actions did.
const npmAgent = 'npm/11.6.0 node/v24.11.0 linux x64 workspaces/false';

export async function registryApi(registryUrl: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${registryUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'user-agent': npmAgent,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Someone else signs in with the owner's password and a code (from npm, as `npmAgent`) and makes a token. */
export async function signInElsewhere(registryUrl: string, credentials: { username: string; password: string; otp: string }) {
  const session = await registryApi(registryUrl, '/session', { method: 'POST', body: credentials });
  if (session.status !== 200) throw new Error(`signing in elsewhere: ${session.status}`);
  const token = String(session.json.token);
  const made = await registryApi(registryUrl, '/tokens', { method: 'POST', token, body: { name: 'backup', permission: 'read-only', projects: 'all' } });
  if (made.status !== 201) throw new Error(`making a token elsewhere: ${made.status}`);
  return { userAgent: npmAgent, session: token, apiToken: String(made.json.token) };
}

/** Whether that session and that token are refused now (401, the token as revoked). */
export async function refusedAtRegistry(registryUrl: string, elsewhere: { session: string; apiToken: string }) {
  const session = await registryApi(registryUrl, '/account', { token: elsewhere.session });
  const token = await registryApi(registryUrl, '/whoami', { token: elsewhere.apiToken });
  return { session: session.status, token: [token.status, (token.json.error as { code?: string } | undefined)?.code] };
}
