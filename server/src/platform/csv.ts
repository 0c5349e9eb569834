/** A cell that a spreadsheet would read as a formula gets a leading apostrophe (CSV injection, OWASP). */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const CSV_MIME = 'text/csv; charset=utf-8';

/**
 * A CSV document as Excel opens it with Vietnamese intact: UTF-8 with a byte-order mark, comma-separated, CRLF line
 * ends, fields quoted when needed, text that would run as a formula neutralised. Numbers are written as they are.
 */
export function buildCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): Buffer {
  const cell = (value: string | number | null | undefined) =>
    value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : quote(neutralise(value));
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
