// The periodic report as an Excel workbook: a sheet of figures (this period, the same period a year before, the change,
// a link to the records) and, for readers allowed to open them, the lists behind them — cases, rehab dossiers, tips —
// by number, day, area and state only: no names, no words of a tip. Pure: report and lists in, bytes out.
import { casesEn, casesVi, type PeriodicReport, reportMessages, TIP_CHANNELS, translate } from '@binh-an/domain';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/documents.ts';
import { absoluteLink, numbered, upper } from './report.layout.ts';

export type ReportLists = {
  cases?: {
    number: string;
    discoveredOn: string;
    unitName: string;
    group: string;
    type: string;
    status: string;
    clearedOn: string | null;
    href: string;
  }[];
  rehab?: { number: string; foundOn: string; unitName: string; status: string; href: string }[];
  tips?: {
    number: string;
    receivedOn: string;
    unitName: string;
    channel: string;
    classification: string | null;
    status: string;
    outcome: string | null;
    href: string;
  }[];
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

/** A yyyy-mm-dd day as an Excel date (shown dd/mm/yyyy). */
function excelDate(day: string | null): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function headerRow(sheet: ExcelJS.Worksheet, labels: string[]): void {
  const row = sheet.addRow(labels);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
}

/** A shared message, or the code itself when there is none. */
function labelOf(lang: PeriodicReport['lang'], key: string, code: string): string {
  const text = translate(lang, key);
  return text === key ? code : text;
}

function link(text: string, url: string): ExcelJS.CellHyperlinkValue {
  return { text, hyperlink: url };
}

function listSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width: number; date?: boolean }[],
  rows: (string | Date | null | ExcelJS.CellHyperlinkValue)[][],
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.date ? { numFmt: 'dd/mm/yyyy' } : {} }));
  headerRow(
    sheet,
    columns.map((c) => c.header),
  );
  for (const r of rows) sheet.addRow(r);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/** The periodic report as an .xlsx workbook. */
export async function renderReportXlsx(report: PeriodicReport, lists: ReportLists, origin: string, createdAt: Date): Promise<Buffer> {
  const m = reportMessages(report.lang);
  const labels = report.lang === 'en' ? casesEn : casesVi;
  const x = m.xlsx;
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Bình An';
  workbook.created = createdAt;

  const sheet = workbook.addWorksheet(x.figuresSheet, { views: [{ state: 'frozen', ySplit: 5 }] });
  sheet.columns = [{ width: 52 }, { width: 16 }, { width: 18 }, { width: 26 }, { width: 18 }];
  sheet.addRow([upper(report.author)]).font = { bold: true };
  sheet.addRow([`${report.title} – ${report.subtitle}`]).font = { bold: true };
  sheet.addRow([
    `${report.period.label}: ${report.period.from.split('-').reverse().join('/')} – ${report.period.to.split('-').reverse().join('/')}; ${report.previousPeriod.label}`,
  ]);
  sheet.addRow([]);
  headerRow(sheet, [m.columns.figure, m.columns.current, m.columns.previous, m.columns.change, x.link]);
  report.sections.forEach((section, i) => {
    const title = sheet.addRow([`${numbered(i)}. ${section.title}`]);
    title.font = { bold: true };
    for (const f of section.figures) {
      const isRate = f.key === 'cases.clearanceRate';
      // Counts and rates are real numbers; a hidden count ("< 5"), a quantity with its unit or a share ("9/9") stays text.
      const value = (v: { value: number | null; text: string }) =>
        v.value !== null && (isRate || /^[−-]?[\d.,]+$/.test(v.text)) ? v.value : v.text;
      const row = sheet.addRow([
        `${f.level ? '    ' : ''}${f.label}`,
        value(f.current),
        value(f.previous),
        f.change ?? '',
        f.href ? link(x.link, absoluteLink(origin, f.href)) : '',
      ]);
      if (isRate) {
        row.getCell(2).numFmt = '0.0%';
        row.getCell(3).numFmt = '0.0%';
      }
      row.getCell(2).alignment = { horizontal: 'right' };
      row.getCell(3).alignment = { horizontal: 'right' };
    }
  });
  sheet.addRow([]);
  for (const note of report.notes) sheet.addRow([note]).font = { italic: true };

  if (lists.cases) {
    listSheet(
      workbook,
      x.casesSheet,
      [
        { header: x.number, width: 14 },
        { header: x.discoveredOn, width: 14, date: true },
        { header: x.unit, width: 24 },
        { header: x.group, width: 28 },
        { header: x.type, width: 36 },
        { header: x.status, width: 26 },
        { header: x.clearedOn, width: 14, date: true },
        { header: x.link, width: 18 },
      ],
      lists.cases.map((c) => [
        c.number,
        excelDate(c.discoveredOn),
        c.unitName,
        labels.groups[c.group as keyof typeof labels.groups] ?? c.group,
        labels.types[c.type as keyof typeof labels.types] ?? c.type,
        labels.statuses[c.status as keyof typeof labels.statuses] ?? c.status,
        excelDate(c.clearedOn),
        link(x.link, absoluteLink(origin, c.href)),
      ]),
    );
  }
  if (lists.rehab) {
    listSheet(
      workbook,
      x.rehabSheet,
      [
        { header: x.number, width: 14 },
        { header: x.foundOn, width: 14, date: true },
        { header: x.unit, width: 24 },
        { header: x.status, width: 26 },
        { header: x.link, width: 18 },
      ],
      lists.rehab.map((d) => [
        d.number,
        excelDate(d.foundOn),
        d.unitName,
        labels.rehab.statuses[d.status as keyof typeof labels.rehab.statuses] ?? d.status,
        link(x.link, absoluteLink(origin, d.href)),
      ]),
    );
  }
  if (lists.tips) {
    listSheet(
      workbook,
      x.tipsSheet,
      [
        { header: x.number, width: 14 },
        { header: x.receivedOn, width: 14, date: true },
        { header: x.unit, width: 24 },
        { header: x.channel, width: 30 },
        { header: x.classification, width: 22 },
        { header: x.status, width: 16 },
        { header: x.outcome, width: 18 },
        { header: x.link, width: 18 },
      ],
      lists.tips.map((t) => [
        t.number,
        excelDate(t.receivedOn),
        t.unitName,
        (TIP_CHANNELS as readonly string[]).includes(t.channel) ? m.channelWhat[t.channel as keyof typeof m.channelWhat] : t.channel,
        t.classification ? labelOf(report.lang, `tips.classes.${t.classification}`, t.classification) : null,
        x.tipStatus[t.status as keyof typeof x.tipStatus] ?? t.status,
        t.outcome ? (m.figures.tipsOutcome[t.outcome as keyof typeof m.figures.tipsOutcome] ?? t.outcome) : null,
        link(x.link, absoluteLink(origin, t.href)),
      ]),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
