// The handler for every channel in the IPC contract, each a thin call into a service. The services decide; this
// file only connects channel names to them.
import type { AppInfo } from './contract.ts';
import type { IpcHandlers } from './dispatcher.ts';
import type { SecurityAnalysis } from '../services/security-analysis.ts';
import type { SessionService } from '../services/session-service.ts';

export interface IpcServices {
  appInfo(): Promise<AppInfo>;
  sessions: SessionService;
  analysis: SecurityAnalysis;
}

export function createIpcHandlers(services: IpcServices): IpcHandlers {
  const { sessions, analysis } = services;
  return {
    'app:get-info': () => services.appInfo(),
    'session:get-current': () => sessions.current(),
    'session:sign-in': (request) => sessions.signIn(request),
    'session:verify': (request) => sessions.verify(request),
    'session:sign-out': () => sessions.signOut(),
    'account:get-overview': () => analysis.getOverview(),
  };
}
