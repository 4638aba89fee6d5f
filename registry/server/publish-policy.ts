// What a project's publish policy asks of each publish while publishRequires2fa is on, alike for the JSON API and
// npm, for a session and for a token:
// - the publishing account (a token's holder) must have 2FA, else 403 two_factor_required, whatever the
//   credential: a collaborator without 2FA cannot publish;
// - a current one-time code from that account's authenticator, in the npm-otp header, else 401 otp_required with
//   WWW-Authenticate: OTP (npm then prompts for it, or fails with EOTP and says to pass --otp). The code is checked
//   as confirming access checks one: the second-factor rate limits, the replay guard; a wrong one is logged.
// - except for a token marked bypass2fa on a project whose policy lets such tokens publish without a code (npm's
//   "automation" level): CI has nobody to type a code.
// Checked before the upload, and again in the transaction that writes the release (a policy turned on during an
// upload that carried no code publishes nothing).
import { otpRequiredError } from './attempt-errors.ts';
import { confirmSecondFactor } from './access-confirmation.ts';
import type { AppContext } from './app-context.ts';
import type { Caller } from './caller.ts';
import { ApiError } from './errors.ts';
import { npmOtp } from './npm/npm-otp.ts';
import type { CallerCall } from './route-registration.ts';
import type { ReleaseRefusal } from './release-refusals.ts';
import type { ProjectRecord } from '../store/project-repository.ts';
import type { RegistryStore } from '../store/store.ts';

/** How a publish met the policy: nothing was asked, a code was checked, or the token may publish without one. */
export type SecondFactor = 'not_required' | 'code' | 'bypass';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'limits' | 'tallies' | 'releaseRefusals'>;

/** How the route's clients send a code, for the message that asks for one. */
export type OtpHint = 'header' | 'npm';

const otpHints: Record<OtpHint, string> = {
  header: 'send the code from your authenticator app in the npm-otp header',
  npm: 'give the code from your authenticator app with --otp <code>',
};

function publishOtpRequiredError(project: string, hint: OtpHint): ApiError {
  return otpRequiredError(`Publishing "${project}" requires a one-time password: ${otpHints[hint]}`);
}

const bypasses = (caller: Caller, project: ProjectRecord) => caller.token?.bypass2fa === true && project.policy.automationTokensBypass2fa;

/** The checks before the upload (see the top); throws the refusal. */
export async function checkPublishPolicy(
  deps: Dependencies,
  call: CallerCall,
  project: ProjectRecord,
  version: string | null,
  hint: OtpHint,
): Promise<SecondFactor> {
  if (!project.policy.publishRequires2fa) return 'not_required';
  const { caller, who, now, request } = call;
  const account = deps.store.accounts.findById(caller.accountId);
  if (!account) throw new ApiError(401, 'unauthenticated', 'The account no longer exists');
  const refusal: Omit<ReleaseRefusal, 'reason'> = {
    caller,
    username: account.username,
    project: { id: project.id, name: project.name },
    version,
    who,
    now,
  };
  if (account.totpSecret === null) throw deps.releaseRefusals.refuseWithout2fa(refusal);
  if (bypasses(caller, project)) return 'bypass';
  // A malformed header is a 400 before anything is counted; a missing code is the challenge (otp_required).
  const otp = npmOtp(request);
  await confirmSecondFactor(deps, account, otp, who, publishOtpRequiredError(project.name, hint).message, () =>
    deps.releaseRefusals.record({ ...refusal, now: deps.clock(), reason: 'invalid_otp' }),
  );
  return 'code';
}

export type PolicyProblemNow = { reason: 'two_factor_required'; username: string } | { reason: 'otp_required' } | null;

/** The policy as it is now, read in the publishing transaction, against how the publish met it before the upload. */
export function policyProblemNow(store: RegistryStore, caller: Caller, projectId: number, met: SecondFactor): PolicyProblemNow {
  const project = store.projects.findById(projectId);
  if (!project?.policy.publishRequires2fa) return null;
  const account = store.accounts.findById(caller.accountId);
  if (!account || account.totpSecret === null) return { reason: 'two_factor_required', username: account?.username ?? '' };
  if (met === 'code' || (met === 'bypass' && bypasses(caller, project))) return null;
  return { reason: 'otp_required' };
}
