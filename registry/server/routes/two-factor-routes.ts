// Two-factor self-service: enrolling, activating and removing the authenticator, replacing the recovery codes and
// checking one without using it.
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/routes.ts';
import { ActivateTotpRequest, CheckRecoveryCodeRequest } from '../../contract/schemas.ts';
import { accountView } from '../account-view.ts';
import type { AppContext } from '../app-context.ts';
import { checkRecoveryCode, regenerateRecoveryCodes } from '../recovery-code-management.ts';
import { addSessionRoute } from '../route-registration.ts';
import { activateTotp, disableTotp, startTotpEnrollment } from '../totp-enrollment.ts';
import { parseWith } from '../validation.ts';

export function registerTwoFactorRoutes(app: FastifyInstance, context: AppContext): void {
  addSessionRoute(app, context, routes.startTotpEnrollment, async ({ session }) => startTotpEnrollment(context, session));

  addSessionRoute(app, context, routes.activateTotp, async ({ request, session, who }) => {
    const { otp } = parseWith(ActivateTotpRequest, request.body, 'body');
    return activateTotp(context, session, otp, who);
  });

  addSessionRoute(app, context, routes.disableTotp, async ({ session, who }) => {
    disableTotp(context, session, who);
    return { account: accountView(context.store, session) };
  });

  addSessionRoute(app, context, routes.generateRecoveryCodes, async ({ session, who }) =>
    regenerateRecoveryCodes(context, session, who),
  );

  addSessionRoute(app, context, routes.checkRecoveryCode, async ({ request, session, who }) => {
    const { code } = parseWith(CheckRecoveryCodeRequest, request.body, 'body');
    return checkRecoveryCode(context, session, code, who);
  });
}
