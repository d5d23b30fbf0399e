/**
 * RFC 4180 CSV, written the way the dashboard's own export files are: LF line endings
 * (every record, the last included, ends with one), UTF-8 without a byte-order mark, and a
 * field quoted only when it must be. docs/facts.md §2 gives no evidence of CRLF, and the
 * public examples of those files use LF; RFC 4180 readers accept both.
 */
export type CsvRow = readonly string[];

export const CSV_LINE_ENDING = '\n';

const NEEDS_QUOTES = /[",\r\n]/;
/** What makes a spreadsheet read a cell as a formula or command (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell (a name, an id, a line item: anything the API or the user wrote) as a
 * spreadsheet will show it and never run it: text starting with =, +, -, @, tab or carriage
 * return gets a leading single quote, OWASP's rule; csvField then quotes it as needed.
 * Only for text columns: a number such as a negative amount must stay a number, so numeric
 * columns never pass through here. Null and undefined become an empty cell.
 */
export function textCell(value: string | null | undefined): string {
  const text = value ?? '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly CsvRow[]): string {
  return rows.map((row) => row.map(csvField).join(',') + CSV_LINE_ENDING).join('');
}

const utf8 = new TextEncoder();

export function csvBytes(rows: readonly CsvRow[]): Uint8Array {
  return utf8.encode(toCsv(rows));
}
