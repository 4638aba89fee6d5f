// One handle on a registry data folder: the database plus a repository per table.
import type { DatabaseSync } from 'node:sqlite';
import { AccountRepository } from './account-repository.ts';
import { ApiTokenRepository } from './api-token-repository.ts';
import { openDatabase, openReader, type Synchronous } from './database.ts';
import { EstateRepository } from './estate-repository.ts';
import { EventRepository } from './event-repository.ts';
import { ProjectRepository } from './project-repository.ts';
import { RecoveryCodeRepository } from './recovery-code-repository.ts';
import { RefusalTallyRepository } from './refusal-tally-repository.ts';
import { ReleaseRepository } from './release-repository.ts';
import { SessionRepository } from './session-repository.ts';

export interface RegistryStore {
  db: DatabaseSync;
  accounts: AccountRepository;
  recoveryCodes: RecoveryCodeRepository;
  sessions: SessionRepository;
  events: EventRepository;
  refusalTallies: RefusalTallyRepository;
  projects: ProjectRepository;
  releases: ReleaseRepository;
  apiTokens: ApiTokenRepository;
  estate: EstateRepository;
  /** A read-only connection of its own to the same database (see database.ts), for the caller to close. */
  openReader(): DatabaseSync;
  close(): void;
}

export function openStore(dataDir: string, options: { synchronous?: Synchronous } = {}): RegistryStore {
  const db = openDatabase(dataDir, options);
  return {
    db,
    accounts: new AccountRepository(db),
    recoveryCodes: new RecoveryCodeRepository(db),
    sessions: new SessionRepository(db),
    events: new EventRepository(db),
    refusalTallies: new RefusalTallyRepository(db),
    projects: new ProjectRepository(db),
    releases: new ReleaseRepository(db),
    apiTokens: new ApiTokenRepository(db),
    estate: new EstateRepository(db),
    openReader: () => openReader(db),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
