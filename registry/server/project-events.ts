// Events about a project (its policy changed, a collaborator added or removed, a publish refused by its policy)
// go to the log of the account that acted AND of each owner of the project, plus the collaborator concerned when
// there is one. The audit log stays what it is, one append-only log per account: each of them gets its own copy,
// so listing, paging and filtering events need no idea of projects, and an owner still has the history after
// leaving the project. Each copy names the project and the actor, and keeps the actor's address and client: for
// an owner, where a refused publish of their project came from is the point. Call inside the transaction that
// made the change, so the owners are those of the project as changed.
import type { EventType } from '../contract/schemas.ts';
import type { EventDetails } from '../store/event-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { RequestContext } from './request-context.ts';

export type ProjectEventType = Extract<EventType, 'project.policy_changed' | 'collaborator.added' | 'collaborator.removed' | 'release.refused'>;

export interface ProjectEvent {
  type: ProjectEventType;
  project: { id: number; name: string };
  actor: { id: number; username: string };
  /** Another account the event is about (a collaborator added or removed). */
  subjectId?: number;
  time: number;
  who: RequestContext;
  details: EventDetails;
}

/** Appends the event to each concerned account's log once; the accounts it went to. */
export function appendProjectEvent(store: RegistryStore, event: ProjectEvent): number[] {
  const recipients = new Set([event.actor.id, ...store.projects.ownerIds(event.project.id)]);
  if (event.subjectId !== undefined) recipients.add(event.subjectId);
  const details = { project: event.project.name, actor: event.actor.username, ...event.details };
  for (const accountId of recipients) {
    store.events.append({ accountId, type: event.type, time: event.time, ...event.who, details });
  }
  return [...recipients];
}
