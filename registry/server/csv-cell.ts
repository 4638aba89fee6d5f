// One CSV cell (RFC 4180) that a spreadsheet shows as text: a value starting with =, +, -, @, tab or carriage return
// would be read as a formula (CSV injection, OWASP), so it gets a leading apostrophe, which spreadsheets hide;
// a value with a comma, quote or line break is quoted, its quotes doubled.
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function csvCell(value: string): string {
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
