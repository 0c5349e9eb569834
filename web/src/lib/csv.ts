/** A cell that a spreadsheet would read as a formula gets a leading apostrophe (CSV injection). */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds a CSV document (UTF-8 with BOM so Excel reads Vietnamese, CRLF line ends). */
export function buildCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((row) =>
    row.map((cell) => quote(neutralise(cell === null || cell === undefined ? '' : String(cell)))).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers a text file for download without leaving the page. */
export function downloadText(fileName: string, content: string, mimeType = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([content], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name stamped with the current Vietnam date, e.g. "don-vi-2026-11-26.csv". */
export function stampedFileName(base: string, today: string, extension = 'csv'): string {
  return `${base}-${today}.${extension}`;
}
