import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_WORDING, formatReceivedAt, type ReceptionRecordData, renderReceptionRecord } from './tip.pdf.ts';

const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
const NO_PDFTOTEXT = 'pdftotext is not on PATH (Debian package poppler-utils): the PDF text checks are skipped';

const workDir = mkdtempSync(path.join(tmpdir(), 'tip-pdf-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fileNo = 0;
/** The PDF's text as pdftotext gives it back, one string per page, with runs of white space made single spaces. */
function pdfPages(pdf: Buffer): string[] {
  fileNo += 1;
  const file = path.join(workDir, `record-${fileNo}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .map((page) => page.replace(/\s+/g, ' ').trim())
    .filter((page) => page !== '');
}

function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join(' ');
}

function record(overrides: Partial<ReceptionRecordData> = {}): ReceptionRecordData {
  return {
    province: 'Tỉnh Nghệ An',
    policeUnit: 'Công an phường Thành Vinh',
    number: 'TB-2026-0007',
    receivedAt: new Date('2026-11-26T07:05:00Z'),
    place: 'Trụ sở Công an phường Thành Vinh',
    officerName: 'Trần Thị Lan',
    officerTitle: 'Phó Trưởng Công an phường',
    channel: 'in_person',
    reporter: {
      identity: 'identified',
      name: 'Nguyễn Văn Dũng',
      phone: '0912 345 678',
      address: 'Số 12, ngõ 5, đường Lê Lợi, phường Thành Vinh, tỉnh Nghệ An',
    },
    content: {
      what: 'Một nhóm thanh niên tụ tập đánh bạc ăn tiền dưới hình thức xóc đĩa vào các buổi tối.',
      place: 'Đường Nguyễn Thị Minh Khai, gần chợ Vinh',
      when: 'Khoảng 21 giờ các tối từ ngày 20/11/2026',
      who: 'Một người tên Hùng, khoảng 30 tuổi, đi xe máy màu đỏ',
    },
    attachments: [
      { name: 'anh-hien-truong.jpg', kind: 'Ảnh chụp' },
      { name: 'ghi-am.m4a', kind: 'Tệp ghi âm' },
    ],
    classification: 'Tố giác về tội phạm',
    ...overrides,
  };
}

describe('formatReceivedAt', () => {
  it('prints the time in Vietnam (UTC+7)', () => {
    expect(formatReceivedAt(new Date('2026-11-26T07:05:00Z'))).toBe('hồi 14 giờ 05 phút, ngày 26 tháng 11 năm 2026');
  });

  it('moves to the next day past 17:00 UTC and pads days below 10 and the months 1 and 2', () => {
    expect(formatReceivedAt(new Date('2026-01-04T18:30:00Z'))).toBe('hồi 01 giờ 30 phút, ngày 05 tháng 01 năm 2026');
    expect(formatReceivedAt(new Date('2026-03-08T00:00:00Z'))).toBe('hồi 07 giờ 00 phút, ngày 08 tháng 3 năm 2026');
  });
});

describe('renderReceptionRecord', () => {
  it('renders a PDF for each kind of reporter without pdfmake policy warnings', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      for (const reporter of [
        { identity: 'identified', name: 'Nguyễn Văn Dũng' },
        { identity: 'anonymous' },
        { identity: 'refused', refusalReason: 'Sợ bị trả thù' },
      ] as const) {
        const pdf = await renderReceptionRecord(record({ reporter }));
        expect(Buffer.isBuffer(pdf)).toBe(true);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
      }
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  if (!HAS_PDFTOTEXT) {
    console.warn(NO_PDFTOTEXT);
    it.skip(NO_PDFTOTEXT, () => {});
    return;
  }

  it('prints the official form with exact Vietnamese text (identified reporter)', async () => {
    const pages = pdfPages(await renderReceptionRecord(record()));
    expect(pages).toHaveLength(1);
    const text = pages.join(' ');
    for (const expected of [
      'CÔNG AN TỈNH NGHỆ AN',
      'CÔNG AN PHƯỜNG THÀNH VINH',
      'Số: TB-2026-0007',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập – Tự do – Hạnh phúc',
      'Thành Vinh, ngày 26 tháng 11 năm 2026',
      'BIÊN BẢN TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM',
      'Vào hồi 14 giờ 05 phút, ngày 26 tháng 11 năm 2026, tại Trụ sở Công an phường Thành Vinh.',
      'Tôi: Trần Thị Lan, chức vụ: Phó Trưởng Công an phường, đơn vị: Công an phường Thành Vinh',
      'Nguồn tin được tiếp nhận trực tiếp tại trụ sở.',
      'Họ và tên: Nguyễn Văn Dũng',
      'Số điện thoại: 0912 345 678',
      'Địa chỉ: Số 12, ngõ 5, đường Lê Lợi, phường Thành Vinh, tỉnh Nghệ An',
      'Sự việc: Một nhóm thanh niên tụ tập đánh bạc ăn tiền dưới hình thức xóc đĩa vào các buổi tối.',
      'Địa điểm xảy ra: Đường Nguyễn Thị Minh Khai, gần chợ Vinh',
      'Thời gian xảy ra: Khoảng 21 giờ các tối từ ngày 20/11/2026',
      'Người liên quan: Một người tên Hùng, khoảng 30 tuổi, đi xe máy màu đỏ',
      'Phân loại ban đầu: Tố giác về tội phạm',
      'Tài liệu, đồ vật kèm theo 1. anh-hien-truong.jpg (Ảnh chụp) 2. ghi-am.m4a (Tệp ghi âm)',
      'Biên bản đã được đọc lại cho người cung cấp thông tin nghe, công nhận đúng và cùng ký tên dưới đây.',
      // The two signature blocks sit side by side: pdftotext reads them row by row.
      'NGƯỜI CUNG CẤP THÔNG TIN CÁN BỘ TIẾP NHẬN (Ký hoặc điểm chỉ, ghi rõ họ tên) (Ký, ghi rõ họ tên) Nguyễn Văn Dũng Trần Thị Lan',
    ]) {
      expect(text).toContain(expected);
    }
    // Both signers' names are printed under their blocks.
    expect(text.match(/Nguyễn Văn Dũng/g)).toHaveLength(2);
    expect(text.match(/Trần Thị Lan/g)).toHaveLength(2);
  });

  it('marks an anonymous tip and prints no reporter details or reporter signature', async () => {
    const text = pdfText(
      await renderReceptionRecord(
        record({ channel: 'online', reporter: { identity: 'anonymous', name: 'Lê Văn Tám', phone: '0987 000 111' } }),
      ),
    );
    expect(text).toContain('Người cung cấp thông tin không cho biết danh tính (tin nặc danh).');
    expect(text).toContain('Nguồn tin được tiếp nhận qua hòm thư tố giác trực tuyến.');
    // The two signature blocks sit side by side: pdftotext reads them row by row.
    expect(text).toContain('NGƯỜI CUNG CẤP THÔNG TIN CÁN BỘ TIẾP NHẬN (không có) (Ký, ghi rõ họ tên) Trần Thị Lan');
    expect(text).not.toContain('Lê Văn Tám');
    expect(text).not.toContain('0987 000 111');
    expect(text).not.toContain('Họ và tên:');
    expect(text).not.toContain('(Ký hoặc điểm chỉ');
    expect(text).not.toContain('đọc lại cho người cung cấp thông tin');
    expect(text).toContain('Trần Thị Lan');
    expect(text).toContain('Địa điểm xảy ra: Đường Nguyễn Thị Minh Khai, gần chợ Vinh');
  });

  it('records a refusal to give personal details with its reason (TT 28/2020 Art. 5)', async () => {
    const text = pdfText(
      await renderReceptionRecord(
        record({ reporter: { identity: 'refused', name: 'Lê Văn Tám', phone: '0987 000 111', refusalReason: 'Sợ bị trả thù.' } }),
      ),
    );
    expect(text).toContain('Người cung cấp thông tin từ chối cung cấp thông tin cá nhân. Lý do: Sợ bị trả thù.');
    expect(text).not.toContain('trả thù..');
    expect(text).not.toContain('Lê Văn Tám');
    expect(text).not.toContain('0987 000 111');
    expect(text).toContain('NGƯỜI CUNG CẤP THÔNG TIN CÁN BỘ TIẾP NHẬN (Ký hoặc điểm chỉ, ghi rõ họ tên) (Ký, ghi rõ họ tên) Trần Thị Lan');
    expect(text).toContain('hồi 14 giờ 05 phút, ngày 26 tháng 11 năm 2026');
    expect(text).toContain('Trần Thị Lan');

    const noReason = pdfText(await renderReceptionRecord(record({ reporter: { identity: 'refused', refusalReason: null } })));
    expect(noReason).toContain('Người cung cấp thông tin từ chối cung cấp thông tin cá nhân. Lý do: không nêu.');
  });

  it('words every channel as the form does', async () => {
    for (const channel of Object.keys(CHANNEL_WORDING) as ReceptionRecordData['channel'][]) {
      const text = pdfText(await renderReceptionRecord(record({ channel })));
      const expected =
        channel === 'other' ? 'Nguồn tin được tiếp nhận bằng hình thức khác.' : `Nguồn tin được tiếp nhận ${CHANNEL_WORDING[channel]}.`;
      expect(text).toContain(expected);
    }
    expect(Object.values(CHANNEL_WORDING)).toEqual([
      'qua hòm thư tố giác trực tuyến',
      'qua hòm thư tố giác tại trụ sở',
      'qua điện thoại (đường dây nóng)',
      'trực tiếp tại trụ sở',
      'qua đường bưu chính',
      'qua ứng dụng VNeID',
      'khác',
    ]);
  });

  it('prints decomposed input in composed form, unknown details as "chưa rõ" and no attachments as "Không có."', async () => {
    const text = pdfText(
      await renderReceptionRecord(
        record({
          policeUnit: 'Công an phường Thành Vinh'.normalize('NFD'),
          content: { what: 'Trộm cắp xe máy trước cổng chợ'.normalize('NFD'), place: null, when: '', who: undefined },
          attachments: [],
          classification: null,
        }),
      ),
    );
    expect(text).toContain('CÔNG AN PHƯỜNG THÀNH VINH');
    expect(text).toContain('Sự việc: Trộm cắp xe máy trước cổng chợ');
    expect(text).toContain('Địa điểm xảy ra: chưa rõ');
    expect(text).toContain('Thời gian xảy ra: chưa rõ');
    expect(text).toContain('Người liên quan: chưa rõ');
    expect(text).toContain('Tài liệu, đồ vật kèm theo Không có.');
    expect(text).not.toContain('Phân loại ban đầu');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('numbers the pages of a long record and keeps the signature blocks together', async () => {
    const what = Array.from({ length: 40 }, (_, i) => `Đoạn ${i + 1}: người dân phản ánh việc tụ tập gây mất trật tự kéo dài.`).join('\n');
    const pages = pdfPages(await renderReceptionRecord(record({ content: { what } })));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(`Trang 1/${pages.length}`);
    const last = pages.at(-1) ?? '';
    expect(last).toContain(`Trang ${pages.length}/${pages.length}`);
    expect(last).toContain('NGƯỜI CUNG CẤP THÔNG TIN');
    expect(last).toContain('CÁN BỘ TIẾP NHẬN');
    expect(last).toContain('Trần Thị Lan');
    expect(pages.join(' ')).toContain('Đoạn 40: người dân phản ánh việc tụ tập gây mất trật tự kéo dài.');
  });
});
