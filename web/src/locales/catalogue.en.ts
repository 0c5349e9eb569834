/**
 * Every English string of the staff app in one catalogue: the shared domain messages, the app's own strings and each
 * module's screens. Loaded on demand by lib/i18n.ts, only when this language is in use, so that the first load carries
 * one language. A new module's strings join here (and in the other language's catalogue) with one line each.
 */
import { en as domainEn } from '@binh-an/domain/i18n/en.ts';
import { calendarEn } from './calendar.en.ts';
import { camerasPageEn } from './cameras.en.ts';
import { casesPageEn } from './cases.en.ts';
import { certificationPageEn } from './certification.en.ts';
import { dashboardEn } from './dashboard.en.ts';
import { en as webEn } from './en.ts';
import { mediationPageEn } from './mediation.en.ts';
import { mergeCatalogue } from './merge.ts';
import { outreachPageEn } from './outreach.en.ts';
import { patrolsPageEn } from './patrols.en.ts';
import { rehabEn } from './rehab.en.ts';
import { reportsPageEn } from './reports.en.ts';
import { residencePageEn } from './residence.en.ts';
import { tipsEn } from './tips.en.ts';

export const catalogue = mergeCatalogue([
  { tree: domainEn },
  { tree: webEn },
  { tree: tipsEn },
  { tree: calendarEn },
  { tree: casesPageEn },
  { tree: rehabEn },
  { tree: reportsPageEn },
  // The screens below add their keys only (their `nav` keys join the shell's; existing keys are kept).
  { tree: patrolsPageEn, keep: true },
  { tree: dashboardEn, keep: true },
  { tree: mediationPageEn, keep: true },
  { tree: residencePageEn, keep: true },
  { tree: certificationPageEn, keep: true },
  { tree: camerasPageEn, keep: true },
  { tree: outreachPageEn, keep: true },
]);
