// The handler for every channel in the IPC contract, each a thin call into a service. The services decide; this
// file only connects channel names to them.
import type { AppInfo } from './contract.ts';
import type { IpcHandlers } from './dispatcher.ts';
import type { AccountSecurity } from '../services/account-security.ts';
import type { SecretOutlet } from '../services/secret-outlet.ts';
import type { TokenFinder } from '../services/token-finder/token-finder.ts';
import type { TokenManagement } from '../services/tokens/token-management.ts';
import type { ComplianceService } from '../services/compliance/compliance-service.ts';
import type { ActivityService } from '../services/activity/activity-service.ts';
import { AppError } from '../services/app-error.ts';
import type { SecurityAnalysis } from '../services/security-analysis.ts';
import type { SessionService } from '../services/session-service.ts';

export interface IpcServices {
  appInfo(): Promise<AppInfo>;
  sessions: SessionService;
  analysis: SecurityAnalysis;
  security: AccountSecurity;
  secrets: SecretOutlet;
  tokens: TokenManagement;
  compliance: ComplianceService;
  tokenFinder: TokenFinder;
  activity: ActivityService;
}

export function createIpcHandlers(services: IpcServices): IpcHandlers {
  const { sessions, analysis, security, secrets, tokens, compliance, tokenFinder, activity } = services;
  return {
    'app:get-info': () => services.appInfo(),
    'session:get-current': () => sessions.current(),
    'session:sign-in': (request) => sessions.signIn(request),
    'session:verify': (request) => sessions.verify(request),
    'session:switch': (request) => sessions.switchTo(request),
    'session:sign-out': () => sessions.signOut(),
    'session:confirm': (request) => security.confirmAccess(request),
    'account:get-overview': (request) => analysis.getOverview(request?.account),
    'account:list-failed-sign-ins': (request) => security.listFailedSignIns(request),
    'two-factor:start': () => security.startTwoFactor(),
    'two-factor:activate': (request) => security.activateTwoFactor(request),
    'two-factor:disable': () => security.disableTwoFactor(),
    'recovery-codes:generate': () => security.generateRecoveryCodes(),
    'recovery-codes:check': (request) => security.checkRecoveryCode(request),
    'password:change': (request) => security.changePassword(request),
    'sessions:list': () => security.listSessions(),
    'sessions:end': (request) => security.endSession(request),
    'sessions:end-others': () => security.endOtherSessions(),
    'secrets:copy': (request) => secrets.copy(request.text),
    'secrets:save': (request) => secrets.save(request.suggestedName, request.text),
    'projects:list': () => tokens.listProjects(),
    'tokens:list': (request) => tokens.listTokens(request?.account),
    'tokens:create': (request) => tokens.createToken(request),
    'tokens:revoke': (request) => tokens.revokeToken(request),
    'tokens:revoke-many': (request) => tokens.revokeTokens(request),
    'projects:compliance': () => compliance.compliance(),
    'projects:detail': (request) => compliance.detail(request),
    'projects:set-policy': (request) => compliance.setPolicy(request),
    'projects:remove-collaborator': (request) => compliance.removeCollaborator(request),
    'projects:export': (request) => compliance.export(request),
    'activity:list': (request) => activity.list(request),
    'activity:flagged': (request) => activity.flagged(request),
    'activity:sign-ins-per-day': (request) => activity.signInsPerDay(request),
    'activity:review': (request) => activity.review(request),
    'activity:export': (request) => activity.export(request),
    'activity:integrity': (request) => activity.integrity(request),
    'activity:verify': (request) => activity.verify(request),
    'token-finder:start': async (request) => tokenFinder.start(request.folders),
    'token-finder:status': async (request) => {
      const status = tokenFinder.status(request.scanId);
      if (!status) throw new AppError('not_found', 'That scan has ended and its results are gone; scan again.');
      return status;
    },
    'token-finder:cancel': async (request) => {
      tokenFinder.cancel(request.scanId);
      return { done: true as const };
    },
  };
}
