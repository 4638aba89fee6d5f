// CSV as spreadsheets read it, for the console's exports. Every cell is quoted, and a cell a spreadsheet would run
// as a formula is defused as the registry's export does it, so that opening an export cannot execute a name someone
// else chose — a project, a token, a user agent (CSV injection).
import { spreadsheetText } from '../../registry/contract/csv-cell.ts';

function csvCell(value: string | number | boolean | null): string {
  return `"${spreadsheetText(value === null ? '' : String(value)).replace(/"/g, '""')}"`;
}

/** A header line and one line per row, CRLF-ended as RFC 4180 has it. */
export function csvText(header: readonly string[], rows: Iterable<readonly (string | number | boolean | null)[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
