import { PDF_FONT, renderPdf } from '../../platform/documents.ts';
import { VN_OFFSET_MS } from '../../platform/time.ts';

export type ReceptionRecordData = {
  /** e.g. "Tỉnh Nghệ An". */
  province: string;
  /** e.g. "Công an phường Thành Vinh". */
  policeUnit: string;
  /** The tip's number in the ward register, e.g. "TB-2026-0007". */
  number: string;
  /** Printed in Vietnam time (UTC+7). */
  receivedAt: Date;
  /** Where the record is drawn up, e.g. "Trụ sở Công an phường Thành Vinh". */
  place: string;
  officerName: string;
  officerTitle: string;
  channel: 'online' | 'mailbox' | 'hotline' | 'in_person' | 'post' | 'vneid' | 'other';
  reporter: {
    identity: 'anonymous' | 'identified' | 'refused';
    name?: string | null;
    phone?: string | null;
    address?: string | null;
    refusalReason?: string | null;
  };
  content: { what: string; place?: string | null; when?: string | null; who?: string | null };
  attachments: { name: string; kind: string }[];
  /** Already translated label. */
  classification?: string | null;
};

/** How the tip arrived, as worded in the record. */
export const CHANNEL_WORDING: Record<ReceptionRecordData['channel'], string> = {
  online: 'qua hòm thư tố giác trực tuyến',
  mailbox: 'qua hòm thư tố giác tại trụ sở',
  hotline: 'qua điện thoại (đường dây nóng)',
  in_person: 'trực tiếp tại trụ sở',
  post: 'qua đường bưu chính',
  vneid: 'qua ứng dụng VNeID',
  other: 'khác',
};

const FONT_FAMILY = PDF_FONT;
const MM = 72 / 25.4;

type PdfNode = string | { [key: string]: unknown };

/** Vietnamese text in composed form: decomposed diacritics would print as loose marks. */
function nfc(text: string): string {
  return text.normalize('NFC').trim();
}

function upper(text: string): string {
  return nfc(text).toLocaleUpperCase('vi');
}

function given(value: string | null | undefined): string | null {
  const text = value == null ? '' : nfc(value);
  return text === '' ? null : text;
}

/** Wall-clock parts in Vietnam time. Days below 10 and the months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP). */
function vnParts(at: Date) {
  const t = new Date(at.getTime() + VN_OFFSET_MS);
  const month = t.getUTCMonth() + 1;
  return {
    hour: String(t.getUTCHours()).padStart(2, '0'),
    minute: String(t.getUTCMinutes()).padStart(2, '0'),
    day: String(t.getUTCDate()).padStart(2, '0'),
    month: month < 3 ? `0${month}` : String(month),
    year: String(t.getUTCFullYear()),
  };
}

/** "hồi 14 giờ 05 phút, ngày 26 tháng 11 năm 2026". */
export function formatReceivedAt(at: Date): string {
  const p = vnParts(at);
  return `hồi ${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** The place name on the date line: the ward's proper name ("Công an phường Thành Vinh" → "Thành Vinh", "Công an phường 5" → "Phường 5"). */
function localityOf(policeUnit: string): string {
  const unit = nfc(policeUnit).replace(/^công an\s+/iu, '');
  const match = /^(phường|xã|thị trấn|đặc khu)\s+(.+)$/iu.exec(unit);
  if (!match?.[1] || !match[2]) return unit;
  if (/^\d+$/u.test(match[2]))
    return `${match[1].charAt(0).toLocaleUpperCase('vi')}${match[1].slice(1).toLocaleLowerCase('vi')} ${match[2]}`;
  return match[2];
}

function rule(width: number): PdfNode {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }], alignment: 'center', margin: [0, 3, 0, 0] };
}

/** A "label: value" paragraph with the label in bold. */
function field(label: string, value: string, margin: number[] = [0, 2, 0, 0]): PdfNode {
  return { text: [{ text: `${label}: `, bold: true }, value], margin };
}

function heading(text: string): PdfNode {
  return { text, bold: true, margin: [0, 10, 0, 2] };
}

function reporterBlock(reporter: ReceptionRecordData['reporter']): PdfNode[] {
  if (reporter.identity === 'anonymous') {
    return [{ text: 'Người cung cấp thông tin không cho biết danh tính (tin nặc danh).', margin: [14, 2, 0, 0] }];
  }
  if (reporter.identity === 'refused') {
    const reason = given(reporter.refusalReason)?.replace(/[.\s]+$/u, '') || 'không nêu';
    return [{ text: `Người cung cấp thông tin từ chối cung cấp thông tin cá nhân. Lý do: ${reason}.`, margin: [14, 2, 0, 0] }];
  }
  const missing = '(không cung cấp)';
  return [
    field('Họ và tên', given(reporter.name) ?? missing, [14, 2, 0, 0]),
    field('Số điện thoại', given(reporter.phone) ?? missing, [14, 2, 0, 0]),
    field('Địa chỉ', given(reporter.address) ?? missing, [14, 2, 0, 0]),
  ];
}

function contentBlock(data: ReceptionRecordData): PdfNode[] {
  const unknown = 'chưa rõ';
  const { content } = data;
  const nodes: PdfNode[] = [
    field('Sự việc', given(content.what) ?? unknown, [14, 2, 0, 0]),
    field('Địa điểm xảy ra', given(content.place) ?? unknown, [14, 2, 0, 0]),
    field('Thời gian xảy ra', given(content.when) ?? unknown, [14, 2, 0, 0]),
    field('Người liên quan', given(content.who) ?? unknown, [14, 2, 0, 0]),
  ];
  const classification = given(data.classification);
  if (classification) nodes.push(field('Phân loại ban đầu', classification, [14, 2, 0, 0]));
  return nodes;
}

function attachmentsBlock(attachments: ReceptionRecordData['attachments']): PdfNode {
  if (attachments.length === 0) return { text: 'Không có.', margin: [14, 2, 0, 0] };
  return {
    ol: attachments.map((a) => {
      const kind = given(a.kind);
      return kind ? `${nfc(a.name)} (${kind})` : nfc(a.name);
    }),
    margin: [14, 2, 0, 0],
  };
}

function signatureColumn(title: string, hint: string, name: string | null, note?: string): PdfNode {
  const stack: PdfNode[] = [{ text: title, bold: true }];
  if (note) {
    stack.push({ text: note, italics: true, margin: [0, 2, 0, 0] });
  } else {
    stack.push({ text: hint, italics: true, fontSize: 10, margin: [0, 2, 0, 0] });
    stack.push({ text: name ?? ' ', bold: true, margin: [0, 56, 0, 0] });
  }
  return { stack, alignment: 'center', width: '*' };
}

function buildDocument(data: ReceptionRecordData): object {
  const p = vnParts(data.receivedAt);
  const officerName = nfc(data.officerName);
  const present = data.reporter.identity !== 'anonymous';
  const reporterName = data.reporter.identity === 'identified' ? given(data.reporter.name) : null;

  const header: PdfNode = {
    columns: [
      {
        width: '42%',
        alignment: 'center',
        stack: [
          { text: `CÔNG AN ${upper(data.province)}` },
          { text: upper(data.policeUnit), bold: true },
          rule(70),
          { text: `Số: ${nfc(data.number)}`, margin: [0, 8, 0, 0] },
        ],
      },
      {
        width: '58%',
        alignment: 'center',
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
          { text: 'Độc lập – Tự do – Hạnh phúc', bold: true },
          rule(150),
          {
            text: `${localityOf(data.policeUnit)}, ngày ${p.day} tháng ${p.month} năm ${p.year}`,
            italics: true,
            margin: [0, 8, 0, 0],
          },
        ],
      },
    ],
    columnGap: 6,
  };

  const closing = [
    'Biên bản được lập xong cùng ngày và được ghi vào sổ theo dõi tiếp nhận, phân loại nguồn tin về tội phạm.',
    present && data.channel === 'in_person'
      ? ' Biên bản đã được đọc lại cho người cung cấp thông tin nghe, công nhận đúng và cùng ký tên dưới đây.'
      : '',
  ].join('');

  const signatures: PdfNode = {
    unbreakable: true,
    margin: [0, 22, 0, 0],
    stack: [
      {
        columns: [
          present
            ? signatureColumn('NGƯỜI CUNG CẤP THÔNG TIN', '(Ký hoặc điểm chỉ, ghi rõ họ tên)', reporterName)
            : signatureColumn('NGƯỜI CUNG CẤP THÔNG TIN', '', null, '(không có)'),
          signatureColumn('CÁN BỘ TIẾP NHẬN', '(Ký, ghi rõ họ tên)', officerName),
        ],
        columnGap: 20,
      },
    ],
  };

  return {
    pageSize: 'A4',
    // Nghị định 30/2020/NĐ-CP: top and bottom 20 mm, left 30 mm, right 20 mm.
    pageMargins: [30 * MM, 20 * MM, 20 * MM, 20 * MM],
    language: 'vi-VN',
    info: {
      title: `Biên bản tiếp nhận nguồn tin về tội phạm số ${nfc(data.number)}`,
      subject: 'Biên bản tiếp nhận nguồn tin về tội phạm',
      author: nfc(data.policeUnit),
      creator: 'Bình An',
      producer: 'Bình An',
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 11.5, lineHeight: 1.15 },
    footer: (currentPage: number, pageCount: number) =>
      pageCount > 1
        ? { text: `Trang ${currentPage}/${pageCount}`, alignment: 'center', fontSize: 9, color: '#555555', margin: [0, 20, 0, 0] }
        : null,
    content: [
      { text: 'Mẫu số 01 – Thông tư số 119/2021/TT-BCA', alignment: 'right', italics: true, fontSize: 9, margin: [0, -30, 0, 18] },
      header,
      {
        text: 'BIÊN BẢN TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM',
        bold: true,
        fontSize: 14,
        alignment: 'center',
        margin: [0, 26, 0, 16],
      },
      { text: `Vào ${formatReceivedAt(data.receivedAt)}, tại ${nfc(data.place)}.`, alignment: 'justify' },
      {
        text: [
          `Tôi: ${officerName}, chức vụ: ${nfc(data.officerTitle)}, đơn vị: ${nfc(data.policeUnit)}, `,
          'tiến hành lập biên bản tiếp nhận nguồn tin về tội phạm như sau:',
        ],
        alignment: 'justify',
        margin: [0, 4, 0, 0],
      },
      heading('1. Hình thức tiếp nhận'),
      {
        text:
          data.channel === 'other'
            ? 'Nguồn tin được tiếp nhận bằng hình thức khác.'
            : `Nguồn tin được tiếp nhận ${CHANNEL_WORDING[data.channel]}.`,
        margin: [14, 2, 0, 0],
      },
      heading('2. Người cung cấp thông tin'),
      ...reporterBlock(data.reporter),
      heading('3. Nội dung nguồn tin'),
      ...contentBlock(data),
      heading('4. Tài liệu, đồ vật kèm theo'),
      attachmentsBlock(data.attachments),
      { text: closing, alignment: 'justify', margin: [0, 14, 0, 0] },
      signatures,
    ],
  };
}

/** Renders the reception record as an A4 PDF. */
export async function renderReceptionRecord(data: ReceptionRecordData): Promise<Buffer> {
  const doc = buildDocument(data);
  return renderPdf(doc);
}
