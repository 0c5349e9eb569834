import type { PeriodicReport } from '@binh-an/domain';

/** Vietnamese text in composed form and upper case ("Công an phường Lê Mao" → "CÔNG AN PHƯỜNG LÊ MAO"). */
export function upper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi');
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The number of a section of the report: I, II, III … */
export function numbered(index: number): string {
  return ROMAN[index] ?? String(index + 1);
}

/** A link printed in a document: the staff app's path under the server the report was asked from. */
export function absoluteLink(origin: string, href: string): string {
  return `${origin}${href}`;
}

/** Who signs: the head of the police that reports ("TRƯỞNG CÔNG AN PHƯỜNG LÊ MAO"). */
export function signerOf(report: PeriodicReport): string {
  const police = report.author.replace(/\s*\(.*\)$/u, '');
  return report.lang === 'vi' ? upper(`Trưởng ${police}`) : upper(`Chief, ${police}`);
}

/** The document's file name, plain ASCII: bao-cao-le-mao-2020-01-01-2020-06-30.pdf. */
export function reportFileName(report: Pick<PeriodicReport, 'unit' | 'period'>, ext: 'pdf' | 'docx' | 'xlsx'): string {
  const code = report.unit.code.replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'don-vi';
  return `bao-cao-${code}-${report.period.from}-${report.period.to}.${ext}`;
}

export const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
