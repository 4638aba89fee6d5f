// "No, secure my account": the lockdown's steps in order — end every other session, revoke every token, generate
// new recovery codes — each reported as done or failed. A failed step does not stop the next (an attacker's session
// ended is worth having even if revoking tokens failed), and nothing fails silently: the caller shows every
// outcome and can run the failed steps again. The last step, a new password, is the user's to take.
export const lockdownSteps = ['sessions', 'tokens', 'recovery-codes'] as const;
export type LockdownStep = (typeof lockdownSteps)[number];

export type StepState = { status: 'waiting' | 'running' } | { status: 'done' | 'failed'; text: string };

export interface LockdownActions {
  /** How many other sessions were ended. */
  endOtherSessions(): Promise<number>;
  /** How many tokens were revoked. */
  revokeAllTokens(): Promise<number>;
  /** Generates the codes and shows them once; resolves when the user is done with them. */
  regenerateRecoveryCodes(): Promise<void>;
}

export const stepTitles: Record<LockdownStep, string> = {
  sessions: 'End every other session',
  tokens: 'Revoke every API token',
  'recovery-codes': 'Generate new recovery codes',
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

async function runStep(step: LockdownStep, actions: LockdownActions): Promise<string> {
  switch (step) {
    case 'sessions': {
      const ended = await actions.endOtherSessions();
      return ended === 0 ? 'No other session was open.' : `Ended ${plural(ended, 'other session', 'other sessions')}.`;
    }
    case 'tokens': {
      const revoked = await actions.revokeAllTokens();
      return revoked === 0 ? 'No active token to revoke.' : `Revoked ${plural(revoked, 'token', 'tokens')}.`;
    }
    case 'recovery-codes':
      await actions.regenerateRecoveryCodes();
      return 'New recovery codes were shown once; the old ones no longer work.';
  }
}

/** Runs `steps` in order, reporting each state as it changes; true when every one was done. */
export async function runLockdown(
  steps: readonly LockdownStep[],
  actions: LockdownActions,
  report: (step: LockdownStep, state: StepState) => void,
  describe: (error: unknown) => string,
): Promise<boolean> {
  let allDone = true;
  for (const step of steps) {
    report(step, { status: 'running' });
    try {
      report(step, { status: 'done', text: await runStep(step, actions) });
    } catch (error) {
      allDone = false;
      report(step, { status: 'failed', text: describe(error) });
    }
  }
  return allDone;
}

/** Revokes `ids` in batches the registry takes (100 at a time); how many it revoked. */
export async function revokeInBatches(ids: readonly string[], revoke: (batch: string[]) => Promise<number>): Promise<number> {
  let revoked = 0;
  for (let start = 0; start < ids.length; start += 100) revoked += await revoke(ids.slice(start, start + 100));
  return revoked;
}
