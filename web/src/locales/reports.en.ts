import type { reportsPageVi } from './reports.vi.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English strings of the periodic report page; every key mirrors reports.vi.ts. */
export const reportsPageEn: Widen<typeof reportsPageVi> = {
  nav: {
    reports: 'Reports',
  },
  reportsPage: {
    title: 'Periodic report',
    description:
      'The report on the whole-people movement to protect national security of a unit over a period, written from the records, with the same period a year before. Every figure leads to the records behind it.',
    choose: 'Choose the unit and the period',
    unit: 'Unit',
    unitHint: 'Its sub-units included.',
    historic: 'former unit',
    period: 'Period',
    custom: 'Custom range of days',
    year: 'Year',
    month: 'Month',
    monthValue: 'Month {{n}}',
    quarter: 'Quarter',
    quarterValue: 'Quarter {{roman}}',
    half: 'Half year',
    halfValue: {
      '1': 'First half',
      '2': 'Second half',
    },
    from: 'From',
    to: 'To',
    dateFormat: 'Type the day as dd/mm/yyyy, e.g. 30/06/2020.',
    language: 'Language of the report',
    languages: {
      vi: 'Tiếng Việt',
      en: 'English',
    },
    chooseUnit: 'Choose a unit to see its report.',
    customIncomplete: 'Type both the first and the last day of the period.',
    covers: 'Period {{from}} to {{to}}; compared with {{previous}} ({{previousFrom}} – {{previousTo}}).',
    document: 'Report text',
    figuresCaption: '{{section}}: figures of the period and of the same period last year',
    notes: 'Notes',
    downloads: 'Download the report',
    downloadsHint: 'PDF to print and send, Word to edit before signing, Excel with the figures and the lists of records.',
    formats: {
      pdf: 'Download PDF',
      docx: 'Download Word',
      xlsx: 'Download Excel',
    },
    formatNames: {
      pdf: 'PDF',
      docx: 'Word',
      xlsx: 'Excel',
    },
    writing: 'Writing the {{format}} file…',
    queued: 'A large report, written in the background: {{progress}}%.',
    progressLabel: 'Progress of the {{format}} file',
    ready: 'The {{format}} file is written; the browser is downloading it.',
    downloadAgain: 'Download the {{format}} file again',
    failed: 'The {{format}} file could not be written. Please try again.',
  },
};
