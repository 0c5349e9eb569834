import { BOOK_COLUMNS, type BookColumnKey, type Locale, MEDIATION_TYPES, translate } from '@binh-an/domain';
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { loadExcel, type PdfDocument, renderPdf as renderPdfDocument } from '../../platform/documents.ts';

export type BookCase = {
  number: string;
  receivedOn: string;
  mediators: string[];
  invitees: string | null;
  parties: { name: string; age?: number; address?: string; related?: boolean }[];
  type: string;
  summary: string;
  agreement: string | null;
  demands: string | null;
  status: string;
  notes: string[];
};

export type BookData = {
  province: string;
  /** The historic district (before 01/07/2025), if the ward had one. */
  district: string | null;
  ward: string;
  block: string;
  team: string;
  year: number;
  openedOn: string;
  closedOn: string;
  cases: BookCase[];
};

const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** One row of Part I, the cells in the order of `BOOK_COLUMNS`. */
export function bookRow(c: BookCase, serial: number, lang: Locale): Record<BookColumnKey, string> {
  const t = (k: string) => translate(lang, k);
  const result =
    c.status === 'settled' || c.status === 'not_settled' ? t(`mediation.bookResults.${c.status}`) : t(`mediation.statuses.${c.status}`);
  return {
    serial: String(serial),
    receivedOn: dmy(c.receivedOn),
    mediators: [c.mediators.join(', '), c.invitees ? `${lang === 'vi' ? 'Mời' : 'Invited'}: ${c.invitees}` : ''].filter(Boolean).join('\n'),
    parties: c.parties
      .map((p) =>
        [p.name, p.age !== undefined ? `${p.age} ${lang === 'vi' ? 'tuổi' : 'years'}` : '', p.address ?? ''].filter(Boolean).join(', '),
      )
      .join('\n'),
    content: `${t(`mediation.types.${c.type}`)}: ${c.summary}`,
    agreement: c.agreement ?? c.demands ?? '',
    result,
    signature: '',
    notes: [c.number, ...c.notes].join('\n'),
  };
}

/** Part II: the team leader's summary by type and result. */
export function bookSummary(cases: readonly BookCase[]) {
  return MEDIATION_TYPES.map((type) => {
    const own = cases.filter((c) => c.type === type);
    return {
      type,
      total: own.length,
      settled: own.filter((c) => c.status === 'settled').length,
      notSettled: own.filter((c) => c.status === 'not_settled').length,
      other: own.filter((c) => c.status !== 'settled' && c.status !== 'not_settled').length,
    };
  }).filter((r) => r.total > 0);
}

/** Part II by mediator: each mediator's cases of the year and their results (a case with two mediators counts for each). */
export function bookMediatorSummary(cases: readonly BookCase[]) {
  const names = [...new Set(cases.flatMap((c) => c.mediators))].sort((a, b) => a.localeCompare(b, 'vi'));
  return names.map((mediator) => {
    const own = cases.filter((c) => c.mediators.includes(mediator));
    return {
      mediator,
      total: own.length,
      settled: own.filter((c) => c.status === 'settled').length,
      notSettled: own.filter((c) => c.status === 'not_settled').length,
      other: own.filter((c) => c.status !== 'settled' && c.status !== 'not_settled').length,
    };
  });
}

function headerLines(d: BookData, lang: Locale): string[] {
  const vi = lang === 'vi';
  return [
    `${vi ? 'Tỉnh/Thành phố' : 'Province'}: ${d.province}`,
    ...(d.district ? [`${vi ? 'Huyện/Quận/Thị xã/Thành phố (trước 2025)' : 'District (before 2025)'}: ${d.district}`] : []),
    `${vi ? 'Xã/Phường/Thị trấn' : 'Commune/ward'}: ${d.ward}`,
    `${vi ? 'Thôn/Tổ dân phố' : 'Block'}: ${d.block}`,
    `${vi ? 'Tổ hòa giải' : 'Mediation team'}: ${d.team}`,
    `${vi ? 'Mở sổ ngày' : 'Opened on'}: ${dmy(d.openedOn)}   ${vi ? 'Khóa sổ ngày' : 'Closed on'}: ${dmy(d.closedOn)}`,
  ];
}

const title = (lang: Locale) => (lang === 'vi' ? 'SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ' : 'GRASSROOTS MEDIATION BOOK');
const partOne = (lang: Locale) => (lang === 'vi' ? 'Phần I. Ghi chép của hòa giải viên' : 'Part I. Mediator entries');
const partTwo = (lang: Locale) => (lang === 'vi' ? 'Phần II. Tổng hợp của tổ trưởng tổ hòa giải' : 'Part II. Team leader’s summary');
const mediatorHead = (lang: Locale) =>
  lang === 'vi' ? ['Hòa giải viên', 'Tổng số', 'Thành', 'Không thành', 'Khác'] : ['Mediator', 'Total', 'Settled', 'Not settled', 'Other'];
const mediatorRows = (d: BookData) => bookMediatorSummary(d.cases).map((r) => [r.mediator, r.total, r.settled, r.notSettled, r.other]);
const summaryHead = (lang: Locale) =>
  lang === 'vi' ? ['Loại vụ, việc', 'Tổng số', 'Thành', 'Không thành', 'Khác'] : ['Type', 'Total', 'Settled', 'Not settled', 'Other'];

/* ---------- XLSX ---------- */

export async function renderBookXlsx(d: BookData, lang: Locale): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Bình An';
  const ws = wb.addWorksheet(lang === 'vi' ? 'Phần I' : 'Part I', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true },
  });
  ws.addRow([title(lang)]).font = { bold: true, size: 14 };
  for (const line of headerLines(d, lang)) ws.addRow([line]);
  ws.addRow([]);
  ws.addRow([partOne(lang)]).font = { bold: true };
  const head = ws.addRow(BOOK_COLUMNS.map((c) => c[lang]));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  d.cases.forEach((c, i) => {
    const row = bookRow(c, i + 1, lang);
    ws.addRow(BOOK_COLUMNS.map((col) => row[col.key])).alignment = { wrapText: true, vertical: 'top' };
  });
  [6, 12, 24, 30, 40, 32, 12, 14, 18].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const ws2 = wb.addWorksheet(lang === 'vi' ? 'Phần II' : 'Part II');
  ws2.addRow([partTwo(lang)]).font = { bold: true };
  ws2.addRow(summaryHead(lang)).font = { bold: true };
  for (const r of bookSummary(d.cases))
    ws2.addRow([translate(lang, `mediation.types.${r.type}`), r.total, r.settled, r.notSettled, r.other]);
  ws2.addRow([]);
  ws2.addRow(mediatorHead(lang)).font = { bold: true };
  for (const r of mediatorRows(d)) ws2.addRow(r);
  ws2.getColumn(1).width = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/* ---------- DOCX ---------- */

const MM = 56.7; // twips per millimetre

function docCell(text: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 20 })] })),
  });
}

export async function renderBookDocx(d: BookData, lang: Locale): Promise<Buffer> {
  const textWidth = Math.round(267 * MM);
  const shares = [4, 8, 12, 15, 20, 16, 8, 8, 9];
  const widths = shares.map((s) => Math.round((textWidth * s) / 100));
  const partOneTable = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: BOOK_COLUMNS.map((c, i) => docCell(c[lang], widths[i] as number, true)) }),
      ...d.cases.map((c, i) => {
        const row = bookRow(c, i + 1, lang);
        return new TableRow({ children: BOOK_COLUMNS.map((col, j) => docCell(row[col.key], widths[j] as number)) });
      }),
    ],
  });
  const sWidths = [40, 15, 15, 15, 15].map((s) => Math.round((textWidth * s) / 100));
  const partTwoTable = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: sWidths,
    rows: [
      new TableRow({ children: summaryHead(lang).map((h, i) => docCell(h, sWidths[i] as number, true)) }),
      ...bookSummary(d.cases).map(
        (r) =>
          new TableRow({
            children: [translate(lang, `mediation.types.${r.type}`), r.total, r.settled, r.notSettled, r.other].map((v, i) =>
              docCell(String(v), sWidths[i] as number),
            ),
          }),
      ),
    ],
  });
  const mediatorTable = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: sWidths,
    rows: [
      new TableRow({ children: mediatorHead(lang).map((h, i) => docCell(h, sWidths[i] as number, true)) }),
      ...mediatorRows(d).map((r) => new TableRow({ children: r.map((v, i) => docCell(String(v), sWidths[i] as number)) })),
    ],
  });
  const doc = new Document({
    creator: 'Bình An',
    title: `${title(lang)} ${d.year}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(297 * MM), height: Math.round(210 * MM), orientation: PageOrientation.LANDSCAPE },
            margin: { top: Math.round(15 * MM), bottom: Math.round(15 * MM), left: Math.round(15 * MM), right: Math.round(15 * MM) },
          },
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title(lang), bold: true, size: 28 })] }),
          ...headerLines(d, lang).map((line) => new Paragraph({ children: [new TextRun(line)] })),
          new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: partOne(lang), bold: true })] }),
          partOneTable,
          new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: partTwo(lang), bold: true })] }),
          partTwoTable,
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          mediatorTable,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/* ---------- PDF ---------- */

function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return renderPdfDocument({ defaultStyle: { font: 'Roboto', fontSize: 9 }, ...doc });
}

export function renderBookPdf(d: BookData, lang: Locale): Promise<Buffer> {
  const body = [
    BOOK_COLUMNS.map((c) => ({ text: c[lang], bold: true, alignment: 'center' })),
    ...d.cases.map((c, i) => {
      const row = bookRow(c, i + 1, lang);
      return BOOK_COLUMNS.map((col) => row[col.key]);
    }),
  ];
  const summary = [
    summaryHead(lang).map((h) => ({ text: h, bold: true })),
    ...bookSummary(d.cases).map((r) =>
      [translate(lang, `mediation.types.${r.type}`), r.total, r.settled, r.notSettled, r.other].map(String),
    ),
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 30, 30, 30],
    info: { title: `${title(lang)} ${d.year}`, creator: 'Bình An' },
    content: [
      { text: title(lang), bold: true, fontSize: 14, alignment: 'center', margin: [0, 0, 0, 8] },
      ...headerLines(d, lang).map((line) => ({ text: line })),
      { text: partOne(lang), bold: true, margin: [0, 10, 0, 4] },
      { table: { headerRows: 1, widths: [18, 44, 70, 90, '*', 90, 42, 40, 52], body }, fontSize: 8 },
      { text: partTwo(lang), bold: true, margin: [0, 10, 0, 4], pageBreak: d.cases.length > 12 ? 'before' : undefined },
      { table: { headerRows: 1, widths: [180, 50, 50, 60, 50], body: summary } },
      {
        table: {
          headerRows: 1,
          widths: [180, 50, 50, 60, 50],
          body: [mediatorHead(lang).map((h) => ({ text: h, bold: true })), ...mediatorRows(d).map((r) => r.map(String))],
        },
        margin: [0, 10, 0, 0],
      },
    ],
  });
}

/* ---------- the written settlement record (Art. 24) ---------- */

export type SettlementRecordData = {
  ward: string;
  block: string;
  team: string;
  number: string;
  ground: string;
  receivedOn: string;
  resultOn: string;
  mediators: string[];
  parties: BookCase['parties'];
  summary: string;
  sessions: { heldOn: string; place: string | null; summary: string }[];
  agreement: string;
  performance: string | null;
};

/** Văn bản hòa giải thành: grounds, parties, the matter, the course of mediation, the agreement and how it is carried out, signatures. */
export function renderSettlementRecordPdf(d: SettlementRecordData): Promise<Buffer> {
  const line = (label: string, value: string) => ({ text: [{ text: `${label}: `, bold: true }, value], margin: [0, 2, 0, 0] });
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [60, 50, 45, 50],
    defaultStyle: { font: 'Roboto', fontSize: 11 },
    info: { title: `Văn bản hòa giải thành ${d.number}`, creator: 'Bình An' },
    content: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, alignment: 'center' },
      { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      { text: 'VĂN BẢN HÒA GIẢI THÀNH', bold: true, fontSize: 14, alignment: 'center' },
      { text: `(Điều 24 Luật Hòa giải ở cơ sở 2013) — Số ${d.number}`, alignment: 'center', italics: true, margin: [0, 0, 0, 12] },
      line('Tổ hòa giải', `${d.team} — ${d.block}, ${d.ward}`),
      line('Căn cứ tiến hành hòa giải', d.ground),
      line('Ngày nhận vụ, việc', dmy(d.receivedOn)),
      line('Hòa giải viên', d.mediators.join(', ') || '—'),
      { text: 'Các bên và người có liên quan:', bold: true, margin: [0, 8, 0, 2] },
      { ul: d.parties.map((p) => [p.name, p.age !== undefined ? `${p.age} tuổi` : '', p.address ?? ''].filter(Boolean).join(', ')) },
      { text: 'Nội dung vụ, việc:', bold: true, margin: [0, 8, 0, 2] },
      { text: d.summary },
      { text: 'Diễn biến quá trình hòa giải:', bold: true, margin: [0, 8, 0, 2] },
      d.sessions.length
        ? { ul: d.sessions.map((s) => `${dmy(s.heldOn)}${s.place ? ` tại ${s.place}` : ''}: ${s.summary}`) }
        : { text: '—' },
      { text: 'Thỏa thuận đạt được:', bold: true, margin: [0, 8, 0, 2] },
      { text: d.agreement },
      { text: 'Phương thức, thời hạn thực hiện; quyền, nghĩa vụ của các bên:', bold: true, margin: [0, 8, 0, 2] },
      { text: d.performance || '—' },
      { text: `Hòa giải thành ngày ${dmy(d.resultOn)}.`, margin: [0, 8, 0, 0] },
      {
        margin: [0, 24, 0, 0],
        columns: [
          { text: 'CÁC BÊN\n(Ký, ghi rõ họ tên hoặc điểm chỉ)', alignment: 'center', bold: true },
          { text: 'HÒA GIẢI VIÊN\n(Ký, ghi rõ họ tên)', alignment: 'center', bold: true },
        ],
      },
    ],
  });
}
