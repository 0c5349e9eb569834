/** Vietnamese strings of the working-day calendar screen (merged into the app's messages by lib/i18n.ts). */
export const calendarVi = {
  nav: {
    calendar: 'Lịch làm việc',
  },
  calendarPage: {
    title: 'Lịch làm việc',
    description:
      'Thứ Hai đến thứ Sáu là ngày làm việc, thứ Bảy và Chủ nhật là ngày nghỉ, trừ những ngày được liệt kê dưới đây; thời hạn tính theo ngày làm việc dựa vào lịch này.',
    year: 'Năm',
    previousYear: 'Năm trước',
    nextYear: 'Năm sau',
    monthTitle: 'Tháng {{month}}/{{year}}',
    count: 'Năm {{year}} có {{count}} ngày khác lịch thường',
    emptyTitle: 'Không có ngày nào khác lịch thường',
    emptyText: 'Năm {{year}} chưa có ngày lễ, ngày nghỉ bù hay ngày làm bù nào được ghi.',
    working: 'Làm việc',
    rest: 'Nghỉ',
    edited: 'Đã sửa',
    seeded: 'Mặc định',
    edit: 'Sửa',
    editNamed: 'Sửa ngày {{date}}',
    reset: 'Khôi phục mặc định',
    resetNamed: 'Khôi phục mặc định ngày {{date}}',
    fields: {
      day: 'Ngày',
      weekday: 'Thứ',
      status: 'Làm việc / nghỉ',
      kind: 'Loại',
      name: 'Tên gọi',
      source: 'Nguồn',
    },
    kinds: {
      weekend: 'Cuối tuần',
      holiday: 'Ngày lễ',
      tet: 'Tết Nguyên Đán',
      compensatory: 'Nghỉ bù',
      working_weekend: 'Làm bù cuối tuần',
      custom: 'Do quản trị viên đặt',
    },
    weekdays: {
      '0': 'Chủ nhật',
      '1': 'Thứ Hai',
      '2': 'Thứ Ba',
      '3': 'Thứ Tư',
      '4': 'Thứ Năm',
      '5': 'Thứ Sáu',
      '6': 'Thứ Bảy',
    },
    form: {
      title: 'Đánh dấu một ngày',
      intro:
        'Ghi theo thông báo nghỉ lễ, Tết hằng năm: ngày nghỉ Tết kéo dài, ngày nghỉ hoán đổi, thứ Bảy làm bù, ngày nghỉ Quốc khánh liền kề.',
      dayHint: 'Ví dụ: 14/02/2026. Năm từ 2000 đến 2100.',
      dayFormat: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 14/02/2026.',
      dayRange: 'Chỉ ghi được ngày trong các năm 2000–2100.',
      status: 'Ngày này là',
      rest: 'Ngày nghỉ',
      working: 'Ngày làm việc',
      nameHint: 'Ví dụ: Nghỉ Tết Nguyên Đán, Làm bù cho ngày 02/01.',
      submit: 'Lưu ngày này',
      saved: 'Đã lưu ngày {{date}}.',
    },
    confirmReset: {
      title: 'Khôi phục mặc định?',
      text: 'Ngày {{date}} ({{name}}) sẽ trở về giá trị mặc định theo Bộ luật Lao động: ngày lễ, ngày nghỉ bù hoặc ngày bình thường.',
      done: 'Đã khôi phục mặc định ngày {{date}}.',
    },
  },
  auditPage: {
    entityTypes: {
      calendar_day: 'Ngày trong lịch làm việc',
    },
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CalendarMessages = Widen<typeof calendarVi>;
