/**
 * CSV export of the console's tables (RFC 4180): every field quoted when it holds a quote, a
 * separator or a line break; quotes doubled; CRLF between rows; a UTF-8 byte order mark so a
 * spreadsheet reads "ë" correctly. A text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a `'` in front, so a spreadsheet never runs it as a formula (CSV
 * injection); numbers are written as numbers.
 */

export type CsvCell = string | number | null | undefined;

/** The cells that could start a formula in a spreadsheet. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: guarded against formulas, quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : '';
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole table: the header row, then the rows. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
