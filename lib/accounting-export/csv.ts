/**
 * CSV written the way the dashboard's own export files are (docs/facts.md §2, "Files the
 * extension writes"): LF line endings (every record, the last included, ends with one),
 * UTF-8 without a byte-order mark, and a field quoted (with doubled quotes inside) only when
 * it holds a quote, a comma or a line break. CSV readers accept LF as well as CRLF.
 */
export type CsvRow = readonly string[];

export const CSV_LINE_ENDING = '\n';

const NEEDS_QUOTES = /[",\r\n]/;
/** What makes a spreadsheet read a cell as a formula or command (docs/facts.md §2, "Files the extension writes"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell (a name, an id, a line item: anything the API or the user wrote) as a
 * spreadsheet will show it and never run it: text starting with =, +, -, @, tab or carriage
 * return gets a leading single quote, which makes a spreadsheet take the cell as text;
 * csvField then quotes it as needed.
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

/** Reads CSV text as written by toCsv (LF or CRLF endings, quoted fields); the header is the first row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Rows after the header as objects keyed by the header's names. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
