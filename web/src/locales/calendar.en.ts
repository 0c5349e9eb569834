import type { CalendarMessages } from './calendar.vi.ts';

/** English strings of the working-day calendar screen; every key mirrors the Vietnamese file. */
export const calendarEn: CalendarMessages = {
  nav: {
    calendar: 'Working days',
  },
  calendarPage: {
    title: 'Working-day calendar',
    description:
      'Monday to Friday are working days and Saturday and Sunday rest days, except the days listed below; deadlines counted in working days follow this calendar.',
    year: 'Year',
    previousYear: 'Previous year',
    nextYear: 'Next year',
    monthTitle: '{{month}}/{{year}}',
    count: '{{year}} has {{count}} days that differ from the usual week',
    emptyTitle: 'No day differs from the usual week',
    emptyText: 'No holiday, compensatory day off or make-up working day is recorded for {{year}}.',
    working: 'Working day',
    rest: 'Day off',
    edited: 'Edited',
    seeded: 'Default',
    edit: 'Edit',
    editNamed: 'Edit {{date}}',
    reset: 'Restore default',
    resetNamed: 'Restore the default for {{date}}',
    fields: {
      day: 'Date',
      weekday: 'Day',
      status: 'Working / off',
      kind: 'Kind',
      name: 'Name',
      source: 'Source',
    },
    kinds: {
      weekend: 'Weekend',
      holiday: 'Public holiday',
      tet: 'Lunar New Year (Tết)',
      compensatory: 'Compensatory day off',
      working_weekend: 'Make-up working weekend day',
      custom: 'Set by an administrator',
    },
    weekdays: {
      '0': 'Sunday',
      '1': 'Monday',
      '2': 'Tuesday',
      '3': 'Wednesday',
      '4': 'Thursday',
      '5': 'Friday',
      '6': 'Saturday',
    },
    form: {
      title: 'Mark a day',
      intro:
        "Enter what the year's holiday announcement says: a longer Tết break, swapped days off, make-up Saturdays, the second Quốc khánh day.",
      dayHint: 'For example 14/02/2026. Years 2000 to 2100.',
      dayFormat: 'Enter the date as day/month/year, for example 14/02/2026.',
      dayRange: 'Only dates in the years 2000–2100 can be entered.',
      status: 'This day is',
      rest: 'A day off',
      working: 'A working day',
      nameHint: 'For example: Tết break, Make-up day for 02/01.',
      submit: 'Save this day',
      saved: '{{date}} saved.',
    },
    confirmReset: {
      title: 'Restore the default?',
      text: '{{date}} ({{name}}) will go back to its default under the Labour Code: a public holiday, a compensatory day off or an ordinary day.',
      done: 'Default restored for {{date}}.',
    },
  },
  auditPage: {
    entityTypes: {
      calendar_day: 'Calendar day',
    },
  },
};
