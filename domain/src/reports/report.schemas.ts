import { z } from 'zod';
import { dateOnly, localeSchema } from '../common/common.schemas.ts';

/** How the periodic report is answered: on screen (JSON), or as a PDF, an editable Word file or an Excel workbook. */
export const REPORT_FORMATS = ['json', 'pdf', 'docx', 'xlsx'] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;
export type ReportDocumentFormat = Exclude<ReportFormat, 'json'>;

/** The longest period one report covers, in days (ten years and their leap days). */
export const REPORT_MAX_DAYS = 3653;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * `GET /api/v1/reports/periodic`: the unit by its code (or id) with its sub-units, the period (both days inclusive,
 * Vietnam days), the format (JSON when absent) and the language of the text (the caller's when absent).
 */
export const periodicReportQuerySchema = z
  .strictObject({
    unit: z.string().min(1).max(100),
    from: dateOnly,
    to: dateOnly,
    format: reportFormatSchema.optional(),
    lang: localeSchema.optional(),
  })
  .refine((v) => v.from <= v.to, { message: 'reports.periodInverted', path: ['to'] })
  .refine((v) => v.from > v.to || daysBetween(v.from, v.to) <= REPORT_MAX_DAYS, { message: 'reports.periodTooLong', path: ['to'] });
export type PeriodicReportQuery = z.infer<typeof periodicReportQuerySchema>;

/** A piece of a generated sentence: text, and for a figure the link to the records behind it. */
export const reportSegmentSchema = z.object({ text: z.string(), href: z.string().optional() });
export type ReportSegment = z.infer<typeof reportSegmentSchema>;

/** A figure as printed: its value (null when suppressed for the reader) and its text ("15", "2,4 kg", "95,0%", "< 5"). */
export const reportValueSchema = z.object({ value: z.number().nullable(), text: z.string() });
export type ReportValue = z.infer<typeof reportValueSchema>;

export const reportFigureSchema = z.object({
  /** Stable key, e.g. `cases.drugs`, `tips.channel.hotline`, `rehab.opened`. */
  key: z.string(),
  label: z.string(),
  /** 0 for a headline figure, 1 for a figure that details the one above it. */
  level: z.number().int().min(0).max(1),
  current: reportValueSchema,
  /** The same period a year before. */
  previous: reportValueSchema,
  /** "tăng 7 vụ (+53,8%)", "giảm 2", "không thay đổi"; null when a side is suppressed or there is nothing to compare. */
  change: z.string().nullable(),
  /** The records behind the figure in the staff app (a path under /app with the register's filters), or null when the
   * reader may not open them. */
  href: z.string().nullable(),
});
export type ReportFigure = z.infer<typeof reportFigureSchema>;

export const reportSectionSchema = z.object({
  key: z.enum(['tips', 'crime', 'rehab', 'patrols', 'residence', 'mediation', 'certification', 'cameras', 'outreach']),
  title: z.string(),
  sentences: z.array(z.array(reportSegmentSchema)),
  figures: z.array(reportFigureSchema),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

const period = z.object({ from: z.string(), to: z.string(), label: z.string() });

/** The periodic report as shown on screen and printed into the documents (response; no transform). */
export const periodicReportSchema = z.object({
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), type: z.string() }),
  lang: localeSchema,
  /** Who reports: "Công an phường Lê Mao". */
  author: z.string(),
  /** The unit above, for the document's heading ("Công an thành phố Vinh"), or null at the top of the tree. */
  parentAuthor: z.string().nullable(),
  /** Where the report is signed ("Vinh"). */
  place: z.string(),
  /** The day the figures were compiled (Vietnam day). */
  compiledOn: z.string(),
  title: z.string(),
  subtitle: z.string(),
  period,
  previousPeriod: period,
  intro: z.array(reportSegmentSchema),
  sections: z.array(reportSectionSchema),
  /** Whether small counts about people are hidden from this reader. */
  isSuppressed: z.boolean(),
  notes: z.array(z.string()),
});
export type PeriodicReport = z.infer<typeof periodicReportSchema>;

export const REPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const reportJobStatusSchema = z.enum(REPORT_JOB_STATUSES);

/** A document written in the background: its progress, and where to download it when done. */
export const reportJobSchema = z.object({
  id: z.uuid(),
  status: reportJobStatusSchema,
  /** 0–100. */
  progress: z.number().int().min(0).max(100),
  format: z.enum(['pdf', 'docx', 'xlsx']),
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Present once the document is ready. */
  downloadUrl: z.string().nullable(),
});
export type ReportJob = z.infer<typeof reportJobSchema>;
