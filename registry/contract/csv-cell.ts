// One CSV cell (RFC 4180) that a spreadsheet shows as text: a value starting with =, +, -, @, tab or carriage return
// would be read as a formula (CSV injection, OWASP), so it gets a leading apostrophe, which spreadsheets hide;
// a value with a comma, quote or line break is quoted, its quotes doubled.
// The registry's export and the console's exports share the guard.
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/** The value as a spreadsheet must show it: text, never a formula. */
export function spreadsheetText(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const guarded = spreadsheetText(value);
  return needsQuotes.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
