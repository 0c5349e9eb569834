import { type PeriodicReport, placeDateLine, type ReportSegment, reportMessages } from '@binh-an/domain';
import { PDF_FONT, renderPdf } from '../../platform/documents.ts';
import { absoluteLink, numbered, signerOf, upper } from './report.layout.ts';

const FONT_FAMILY = PDF_FONT;
const MM = 72 / 25.4;

// pdfmake stays an external package, so its bundled Roboto TTFs are read from node_modules at run time.
type PdfNode = string | { [key: string]: unknown };

function rule(width: number): PdfNode {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }], alignment: 'center', margin: [0, 2, 0, 0] };
}

/** Sentence segments as pdfmake text: each figure keeps its link to the records behind it. */
function inlineText(segments: readonly ReportSegment[], origin: string): PdfNode[] {
  return segments.map((s) => (s.href ? { text: s.text, link: absoluteLink(origin, s.href) } : s.text));
}

function figuresTable(report: PeriodicReport, section: PeriodicReport['sections'][number], origin: string): PdfNode {
  const m = reportMessages(report.lang);
  const head = [m.columns.figure, m.columns.current, m.columns.previous, m.columns.change].map((text, i) => ({
    text,
    bold: true,
    alignment: i === 0 ? 'left' : 'center',
    fontSize: 10,
  }));
  const body = section.figures.map((f) => [
    {
      text: f.href ? { text: f.label, link: absoluteLink(origin, f.href) } : f.label,
      margin: [f.level * 10, 0, 0, 0],
      fontSize: 10,
    },
    { text: f.current.text, alignment: 'right', fontSize: 10 },
    { text: f.previous.text, alignment: 'right', fontSize: 10 },
    { text: f.change ?? '', alignment: 'right', fontSize: 9 },
  ]);
  return {
    table: { headerRows: 1, widths: ['*', 62, 62, 96], body: [head, ...body], dontBreakRows: true },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 },
    margin: [0, 4, 0, 6],
  };
}

function buildDocument(report: PeriodicReport, origin: string): object {
  const m = reportMessages(report.lang);
  const header: PdfNode = {
    columns: [
      {
        width: '42%',
        alignment: 'center',
        stack: [
          ...(report.parentAuthor ? [{ text: upper(report.parentAuthor), fontSize: 12 }] : []),
          { text: upper(report.author), bold: true, fontSize: 12 },
          rule(70),
          { text: m.heading.number, margin: [0, 6, 0, 0], fontSize: 12 },
        ],
      },
      {
        width: '58%',
        alignment: 'center',
        stack: [
          { text: m.heading.nation, bold: true, fontSize: 12 },
          { text: m.heading.motto, bold: true },
          rule(150),
          { text: placeDateLine(report.place, report.compiledOn, report.lang), italics: true, margin: [0, 6, 0, 0] },
        ],
      },
    ],
    columnGap: 6,
  };
  const body: PdfNode[] = [
    header,
    { text: report.title, bold: true, alignment: 'center', fontSize: 14, margin: [0, 18, 0, 0] },
    { text: report.subtitle, bold: true, alignment: 'center', margin: [20, 2, 20, 10] },
    { text: inlineText(report.intro, origin), margin: [0, 0, 0, 6] },
  ];
  report.sections.forEach((section, i) => {
    body.push({ text: `${numbered(i)}. ${upper(section.title)}`, bold: true, margin: [0, 8, 0, 4] });
    for (const sentence of section.sentences) body.push({ text: inlineText(sentence, origin), margin: [0, 0, 0, 4] });
    if (section.figures.length > 0) body.push(figuresTable(report, section, origin));
  });
  for (const note of report.notes) body.push({ text: note, italics: true, fontSize: 10, margin: [0, 2, 0, 0] });
  body.push({ text: m.heading.source.replace('{{date}}', report.compiledOn.split('-').reverse().join('/')), italics: true, fontSize: 10 });
  body.push({
    unbreakable: true,
    margin: [0, 18, 0, 0],
    columns: [
      {
        width: '45%',
        stack: [
          { text: m.heading.recipients, bold: true, italics: true, fontSize: 11 },
          { text: m.heading.recipientsList, fontSize: 10 },
        ],
      },
      {
        width: '55%',
        alignment: 'center',
        stack: [
          { text: signerOf(report), bold: true },
          { text: ' ', margin: [0, 56, 0, 0] },
        ],
      },
    ],
  });
  return {
    pageSize: 'A4',
    // Nghị định 30/2020/NĐ-CP, Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    pageMargins: [30 * MM, 20 * MM, 15 * MM, 20 * MM],
    info: { title: `${report.title} – ${report.subtitle}`, author: report.author, producer: 'Bình An', creator: 'Bình An' },
    defaultStyle: { font: FONT_FAMILY, fontSize: 13, lineHeight: 1.15 },
    content: body,
    footer: (page: number, pages: number) =>
      pages > 1 ? { text: `${page}/${pages}`, alignment: 'center', fontSize: 9, margin: [0, 8, 0, 0] } : undefined,
  };
}

/** The periodic report as PDF bytes, every figure a link to the records behind it. */
export async function renderReportPdf(report: PeriodicReport, origin: string): Promise<Buffer> {
  return renderPdf(buildDocument(report, origin));
}
