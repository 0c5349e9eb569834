import { type Locale, translate } from '@binh-an/domain';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { renderPdf } from '../../platform/documents.ts';

export type DossierData = {
  ward: string;
  unit: string;
  certType: string;
  year: number;
  window: { from: string; to: string };
  registeredOn: string;
  meetingOn: string | null;
  chairedBy: string | null;
  attendees: string | null;
  criteria: {
    article: string;
    source: string;
    text: string;
    met: boolean | null;
    note: string | null;
    figures: { label: string; value: string }[];
  }[];
};

const dmy = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');

function parts(d: DossierData, lang: Locale) {
  const t = (k: string) => translate(lang, `certification.dossier.${k}`);
  const result = (met: boolean | null) => (met === null ? t('unanswered') : met ? t('met') : t('notMet'));
  const head = [
    `${t('unit')}: ${d.unit} (${translate(lang, `certification.certTypes.${d.certType}`)}) — ${d.ward}`,
    `${t('year')}: ${d.year} · ${t('window')}: ${dmy(d.window.from)} – ${dmy(d.window.to)}`,
  ];
  const minutes = [
    `${t('meeting')}: ${dmy(d.meetingOn)}`,
    `${t('chair')}: ${d.chairedBy ?? '—'}`,
    `${t('attendees')}: ${d.attendees ?? '—'}`,
  ];
  const rows = d.criteria.map((c, i) => [
    String(i + 1),
    `${c.source}, ${c.article}`,
    c.text,
    c.figures.map((f) => `${f.label}: ${f.value}`).join('\n') || '—',
    [result(c.met), c.note].filter(Boolean).join('\n'),
  ]);
  const columns = ['#', t('article'), t('criterion'), t('figures'), t('result')];
  const proposal = `${t('proposal')} ${d.year}: ${d.unit}.`;
  return { t, head, minutes, rows, columns, proposal };
}

/* ---------- PDF ---------- */

export function renderDossierPdf(d: DossierData, lang: Locale): Promise<Buffer> {
  const { t, head, minutes, rows, columns, proposal } = parts(d, lang);
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [50, 45, 40, 45],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    info: { title: `${t('title')} ${d.year}`, creator: 'Bình An' },
    content: [
      { text: t('title'), bold: true, fontSize: 13, alignment: 'center', margin: [0, 0, 0, 10] },
      ...head.map((text) => ({ text })),
      { text: `1. ${t('request')}`, bold: true, margin: [0, 12, 0, 4] },
      { text: proposal },
      { text: `2. ${t('minutes')}`, bold: true, margin: [0, 12, 0, 4] },
      ...minutes.map((text) => ({ text })),
      { text: `3. ${t('results')}`, bold: true, margin: [0, 12, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: [16, 80, '*', 110, 70],
          body: [columns.map((text) => ({ text, bold: true })), ...rows],
        },
        fontSize: 9,
      },
    ],
  });
}

/* ---------- DOCX ---------- */

const MM = 56.7;
function cell(text: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 20 })] })),
  });
}

export async function renderDossierDocx(d: DossierData, lang: Locale): Promise<Buffer> {
  const { t, head, minutes, rows, columns, proposal } = parts(d, lang);
  const textWidth = Math.round(170 * MM);
  const widths = [5, 20, 40, 20, 15].map((s) => Math.round((textWidth * s) / 100));
  const table = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c, widths[i] as number, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, widths[i] as number)) })),
    ],
  });
  const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
  const doc = new Document({
    creator: 'Bình An',
    title: `${t('title')} ${d.year}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t('title'), bold: true, size: 28 })] }),
          ...head.map((line) => p(line)),
          p(`1. ${t('request')}`, true),
          p(proposal),
          p(`2. ${t('minutes')}`, true),
          ...minutes.map((line) => p(line)),
          p(`3. ${t('results')}`, true),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/* ---------- the certificate (giấy công nhận) ---------- */

export type CertificateData = {
  ward: string;
  unit: string;
  certType: string;
  year: number;
  decidedOn: string;
  decisionRef: string | null;
  certificateNo: string | null;
};

/** The certificate of a recognised unit (TT 124/2021 Art. 9.3): who, which year, by which decision. A4 landscape. */
export function renderCertificatePdf(d: CertificateData, lang: Locale): Promise<Buffer> {
  const t = (k: string) => translate(lang, `certification.certificate.${k}`);
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [60, 50, 60, 50],
    defaultStyle: { font: 'Roboto', fontSize: 13 },
    info: { title: `${t('title')} ${d.year}`, creator: 'Bình An' },
    content: [
      { text: t('nation'), bold: true, alignment: 'center' },
      { text: t('motto'), alignment: 'center', margin: [0, 0, 0, 24] },
      { text: `${t('issuer')} ${d.ward}`.toLocaleUpperCase(lang === 'vi' ? 'vi-VN' : 'en-GB'), bold: true, alignment: 'center' },
      { text: t('title'), bold: true, fontSize: 22, alignment: 'center', margin: [0, 24, 0, 8] },
      { text: t('standard'), bold: true, fontSize: 16, alignment: 'center', margin: [0, 0, 0, 20] },
      { text: d.unit, bold: true, fontSize: 20, alignment: 'center' },
      { text: `(${translate(lang, `certification.certTypes.${d.certType}`)})`, alignment: 'center', margin: [0, 4, 0, 16] },
      { text: `${t('year')} ${d.year}`, alignment: 'center', fontSize: 15 },
      {
        text: [t('decision'), ' ', d.decisionRef ?? '—', ' · ', t('decidedOn'), ' ', dmy(d.decidedOn)].join(''),
        alignment: 'center',
        margin: [0, 24, 0, 4],
      },
      { text: `${t('number')} ${d.certificateNo ?? '—'}`, alignment: 'center' },
    ],
  });
}
