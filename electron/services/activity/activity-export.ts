// The Activity page's export: what the filters select, as CSV or JSON, each event with its place, device and flags.
import type { AccountRef, ActivityRow } from '../../ipc/contract.ts';
import { csvText } from '../csv.ts';

const columns = ['id', 'time', 'type', 'ip', 'place', 'device', 'user agent', 'flags', 'was this you', 'details'] as const;

export function activityCsv(rows: readonly ActivityRow[]): string {
  return csvText(
    columns,
    rows.map((row) => [
      row.id,
      row.time,
      row.type,
      row.ip,
      row.place,
      row.device,
      row.userAgent,
      row.flags.map((flag) => `${flag.severity}: ${flag.reason}`).join(' | '),
      row.answer === null ? '' : row.answer === 'me' ? 'yes' : 'no',
      JSON.stringify(row.details),
    ]),
  );
}

export function activityJson(rows: readonly ActivityRow[], account: AccountRef, generatedAt: Date): string {
  return `${JSON.stringify({ account, generatedAt: generatedAt.toISOString(), events: rows }, null, 2)}\n`;
}
