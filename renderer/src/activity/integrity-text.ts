// The words for what is wrong with an account's audit log (main's chain check), naming the first bad event the way
// the table shows it: its number, what it was and when.
import type { ResponseOf } from '../bridge/contract.ts';
import { formatDateTime } from '../account-text.ts';
import { eventTypeText, type EventType } from './activity-text.ts';

type Problem = NonNullable<ResponseOf<'activity:integrity'>['problem']>;

function eventName(problem: Problem): string {
  const what = problem.type && problem.type in eventTypeText ? eventTypeText[problem.type as EventType] : null;
  const when = problem.time ? (formatDateTime(problem.time) ?? problem.time) : null;
  const about = [what, when].filter(Boolean).join(', ');
  return about ? `Event #${problem.eventId} (${about})` : `Event #${problem.eventId}`;
}

export function integrityProblemText(problem: Problem): string {
  const event = eventName(problem);
  switch (problem.reason) {
    case 'altered':
      return `${event} does not match its hash: it was changed after it was recorded.`;
    case 'unlinked':
      return `${event} does not follow on from the event before it: an event was removed, inserted or reordered there.`;
    case 'rewritten':
      return `${event} is not the event Vigil verified earlier: the log was rewritten at or before it.`;
    case 'inserted':
      return `${event} was not in the log when Vigil verified it: it was added to the past afterwards.`;
    case 'removed':
      return `${event}, which Vigil verified earlier, is no longer in the log: the log was cut short or had events removed.`;
  }
}
