// The periodic report as a Word document the ward edits before signing: the layout of Nghị định 30/2020/NĐ-CP (Times New
// Roman 13–14 pt, the issuing body beside the national motto, the place and date, the title, the body, the signature),
// plain paragraphs and tables without locks. Pure: report in, bytes out.
import { type PeriodicReport, placeDateLine, type ReportSegment, reportMessages } from '@binh-an/domain';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { absoluteLink, numbered, signerOf, upper } from './report.layout.ts';

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 12 pt headings of the issuing body, 11 pt tables. */
const BODY = 26;
const SMALL = 24;
const TABLE = 22;
/** Twentieths of a point per millimetre. */
const MM = 56.7;
/** The text width of an A4 page with 30 mm and 15 mm side margins, in twips. */
const TEXT_WIDTH = Math.round((210 - 30 - 15) * MM);

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

function run(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: opts.size ?? BODY,
    bold: opts.bold,
    italics: opts.italics,
    underline: opts.underline ? {} : undefined,
  });
}

/** Sentence segments as runs; each figure is a hyperlink to the records behind it. */
function runs(segments: readonly ReportSegment[], origin: string, size = BODY): ParagraphChild[] {
  return segments.map((s) =>
    s.href ? new ExternalHyperlink({ link: absoluteLink(origin, s.href), children: [run(s.text, { size })] }) : run(s.text, { size }),
  );
}

function centred(children: ParagraphChild[], spacingAfter = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children, spacing: { after: spacingAfter } });
}

function headerTable(report: PeriodicReport): Table {
  const m = reportMessages(report.lang);
  const left = [
    ...(report.parentAuthor ? [centred([run(upper(report.parentAuthor), { size: SMALL })])] : []),
    centred([run(upper(report.author), { bold: true, size: SMALL, underline: true })], 120),
    centred([run(m.heading.number, { size: SMALL })]),
  ];
  const right = [
    centred([run(m.heading.nation, { bold: true, size: SMALL })]),
    centred([run(m.heading.motto, { bold: true, underline: true })], 120),
    centred([run(placeDateLine(report.place, report.compiledOn, report.lang), { italics: true })]),
  ];
  const cell = (children: Paragraph[], share: number) =>
    new TableCell({ children, width: { size: Math.round(TEXT_WIDTH * share), type: WidthType.DXA }, borders: NO_BORDERS });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH * 0.42), Math.round(TEXT_WIDTH * 0.58)],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, 0.42), cell(right, 0.58)] })],
  });
}

function figuresTable(report: PeriodicReport, section: PeriodicReport['sections'][number], origin: string): Table {
  const m = reportMessages(report.lang);
  const widths = [0.46, 0.15, 0.15, 0.24].map((w) => Math.round(TEXT_WIDTH * w));
  const cell = (children: ParagraphChild[], i: number, align: (typeof AlignmentType)[keyof typeof AlignmentType], indent = 0) =>
    new TableCell({
      width: { size: widths[i] as number, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ alignment: align, indent: { left: indent }, children })],
    });
  const head = new TableRow({
    tableHeader: true,
    children: [m.columns.figure, m.columns.current, m.columns.previous, m.columns.change].map((text, i) =>
      cell([run(text, { bold: true, size: TABLE })], i, i === 0 ? AlignmentType.LEFT : AlignmentType.CENTER),
    ),
  });
  const rows = section.figures.map(
    (f) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            f.href
              ? [new ExternalHyperlink({ link: absoluteLink(origin, f.href), children: [run(f.label, { size: TABLE })] })]
              : [run(f.label, { size: TABLE })],
            0,
            AlignmentType.LEFT,
            f.level * 240,
          ),
          cell([run(f.current.text, { size: TABLE })], 1, AlignmentType.RIGHT),
          cell([run(f.previous.text, { size: TABLE })], 2, AlignmentType.RIGHT),
          cell([run(f.change ?? '', { size: TABLE })], 3, AlignmentType.RIGHT),
        ],
      }),
  );
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] });
}

function paragraph(children: ParagraphChild[], opts: { after?: number; firstLine?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: opts.after ?? 120, line: 300 },
    indent: opts.firstLine === false ? undefined : { firstLine: Math.round(10 * MM) },
    children,
  });
}

/** The periodic report as a .docx file, every figure a hyperlink to the records behind it. */
export async function renderReportDocx(report: PeriodicReport, origin: string): Promise<Buffer> {
  const m = reportMessages(report.lang);
  const children: (Paragraph | Table)[] = [
    headerTable(report),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(report.title, { bold: true, size: 28 })] }),
    centred([run(report.subtitle, { bold: true })], 240),
    paragraph(runs(report.intro, origin)),
  ];
  report.sections.forEach((section, i) => {
    children.push(paragraph([run(`${numbered(i)}. ${upper(section.title)}`, { bold: true })], { firstLine: false }));
    for (const sentence of section.sentences) children.push(paragraph(runs(sentence, origin)));
    if (section.figures.length > 0) {
      children.push(figuresTable(report, section, origin));
      children.push(new Paragraph({ children: [], spacing: { after: 120 } }));
    }
  });
  for (const note of report.notes) children.push(paragraph([run(note, { italics: true, size: TABLE })], { firstLine: false, after: 60 }));
  children.push(
    paragraph(
      [run(m.heading.source.replace('{{date}}', report.compiledOn.split('-').reverse().join('/')), { italics: true, size: TABLE })],
      {
        firstLine: false,
      },
    ),
  );
  const signature = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH * 0.45), Math.round(TEXT_WIDTH * 0.55)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            width: { size: Math.round(TEXT_WIDTH * 0.45), type: WidthType.DXA },
            children: [
              new Paragraph({ children: [run(m.heading.recipients, { bold: true, italics: true, size: SMALL })] }),
              ...m.heading.recipientsList.split('\n').map((line) => new Paragraph({ children: [run(line, { size: TABLE })] })),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            width: { size: Math.round(TEXT_WIDTH * 0.55), type: WidthType.DXA },
            children: [centred([run(signerOf(report), { bold: true, size: SMALL })])],
          }),
        ],
      }),
    ],
  });
  children.push(signature);
  const doc = new Document({
    creator: 'Bình An',
    title: `${report.title} – ${report.subtitle}`,
    description: report.author,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
