// An event row in words: its result, the name of the button that opens it, its details' values, and whether it
// can still be answered "Was this you?".
import { reviewableEventTypes, type ActivityRow } from '../bridge/contract.ts';
import { eventResult, eventTypeText } from './activity-text.ts';

const resultWords = { success: 'Success', failure: 'Failed' } as const;

/** "Success", "Failed", or null for an event that is a change made rather than an attempt. */
export function resultText(row: Pick<ActivityRow, 'type'>): string | null {
  const result = eventResult(row.type);
  return result === null ? null : resultWords[result];
}

/** An address as the pieces a line may break between: IPv4 whole, IPv6 after a colon (groups and "::" stay whole). */
export function addressPieces(ip: string): string[] {
  return ip.split(/(?<=:)(?!:)/);
}

/** The accessible name of a row's Details button; it contains the time the button shows (WCAG label in name). */
export function detailsButtonName(row: Pick<ActivityRow, 'type'>, timeText: string): string {
  return `Details of ${eventTypeText[row.type]} at ${timeText}`;
}

/** A details value as text: the registry's null (nothing, e.g. no token) and booleans in words. */
export function detailValue(value: ActivityRow['details'][string]): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

// The successful sign-ins main asks about (its activity:flagged list holds only these): a flagged failure or a
// change made is shown with its reasons, but "it was me" answers nothing about it.
/** A flagged sign-in not yet answered: the detail panel offers "Yes, it was me" and "No, secure my account". */
export function canReview(row: Pick<ActivityRow, 'type' | 'flags' | 'answer'>): boolean {
  return row.flags.length > 0 && row.answer === null && reviewableEventTypes.has(row.type);
}

/** The detail panel's "Was this you?" line. */
export function reviewText(row: Pick<ActivityRow, 'type' | 'flags' | 'answer'>): string {
  if (row.answer === 'me') return 'Yes: you said this was you';
  if (row.answer === 'not-me') return 'No: you said this was not you';
  if (row.flags.length === 0) return 'Nothing to review: not flagged';
  return canReview(row) ? 'Not yet: was this you?' : 'Not asked: only flagged sign-ins are reviewed';
}
