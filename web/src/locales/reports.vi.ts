/**
 * Vietnamese strings of the periodic report page (merged into the app's strings by lib/i18n.ts). The report's own text —
 * headings, sentences, figure names, period presets — comes from the shared catalogue under `reports.*`.
 */
export const reportsPageVi = {
  nav: {
    reports: 'Báo cáo',
  },
  reportsPage: {
    title: 'Báo cáo định kỳ',
    description:
      'Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc của một đơn vị trong một kỳ, viết từ hồ sơ, sổ sách, có số liệu cùng kỳ năm trước. Mỗi con số dẫn tới các hồ sơ làm nên nó.',
    choose: 'Chọn đơn vị và kỳ báo cáo',
    unit: 'Đơn vị',
    unitHint: 'Gồm cả các đơn vị trực thuộc.',
    historic: 'đơn vị cũ',
    period: 'Kỳ báo cáo',
    custom: 'Khoảng ngày tự chọn',
    year: 'Năm',
    month: 'Tháng',
    monthValue: 'Tháng {{n}}',
    quarter: 'Quý',
    quarterValue: 'Quý {{roman}}',
    half: 'Nửa năm',
    halfValue: {
      '1': '6 tháng đầu năm',
      '2': '6 tháng cuối năm',
    },
    from: 'Từ ngày',
    to: 'Đến ngày',
    dateFormat: 'Nhập ngày dạng dd/mm/yyyy, ví dụ 30/06/2020.',
    language: 'Ngôn ngữ của báo cáo',
    languages: {
      vi: 'Tiếng Việt',
      en: 'English',
    },
    chooseUnit: 'Chọn một đơn vị để xem báo cáo.',
    customIncomplete: 'Nhập đủ ngày bắt đầu và ngày kết thúc của kỳ báo cáo.',
    covers: 'Kỳ báo cáo từ {{from}} đến {{to}}; so sánh với {{previous}} ({{previousFrom}} – {{previousTo}}).',
    document: 'Văn bản báo cáo',
    figuresCaption: '{{section}}: số liệu kỳ báo cáo và cùng kỳ năm trước',
    notes: 'Ghi chú',
    downloads: 'Tải báo cáo',
    downloadsHint: 'PDF để in và gửi, Word để sửa trước khi ký, Excel gồm số liệu và danh sách hồ sơ.',
    formats: {
      pdf: 'Tải PDF',
      docx: 'Tải Word',
      xlsx: 'Tải Excel',
    },
    formatNames: {
      pdf: 'PDF',
      docx: 'Word',
      xlsx: 'Excel',
    },
    writing: 'Đang lập tệp {{format}}…',
    queued: 'Báo cáo lớn, đang lập ở chế độ nền: {{progress}}%.',
    progressLabel: 'Tiến độ lập tệp {{format}}',
    ready: 'Đã lập xong tệp {{format}}; trình duyệt đang tải về.',
    downloadAgain: 'Tải lại tệp {{format}}',
    failed: 'Không lập được tệp {{format}}. Vui lòng thử lại.',
  },
};
