/**
 * The one CSV writer of every export staff open in a spreadsheet (RFC 4180, comma, CRLF). What a
 * person typed — a name, a contact, a class — ends up in a cell: one that begins like a formula
 * would be run by the spreadsheet (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `-2+3`, `@SUM(…)`).
 */

// OWASP's list (= + - @, tab, carriage return) and the full-width forms some spreadsheets also read as them.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One cell: a leading single quote makes a would-be formula text (a phone number "+39 …" too,
 * which a spreadsheet would otherwise compute or refuse), and quotes wrap what needs them.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as CSV text, every line ended by CRLF. */
export function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}
