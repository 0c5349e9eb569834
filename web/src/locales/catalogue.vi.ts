/**
 * Every Vietnamese string of the staff app in one catalogue: the shared domain messages, the app's own strings and each
 * module's screens. Loaded on demand by lib/i18n.ts, only when this language is in use, so that the first load carries
 * one language. A new module's strings join here (and in the other language's catalogue) with one line each.
 */
import { vi as domainVi } from '@binh-an/domain/i18n/vi.ts';
import { calendarVi } from './calendar.vi.ts';
import { camerasPageVi } from './cameras.vi.ts';
import { casesPageVi } from './cases.vi.ts';
import { certificationPageVi } from './certification.vi.ts';
import { dashboardVi } from './dashboard.vi.ts';
import { mediationPageVi } from './mediation.vi.ts';
import { mergeCatalogue } from './merge.ts';
import { outreachPageVi } from './outreach.vi.ts';
import { patrolsPageVi } from './patrols.vi.ts';
import { rehabVi } from './rehab.vi.ts';
import { reportsPageVi } from './reports.vi.ts';
import { residencePageVi } from './residence.vi.ts';
import { tipsVi } from './tips.vi.ts';
import { vi as webVi } from './vi.ts';

export const catalogue = mergeCatalogue([
  { tree: domainVi },
  { tree: webVi },
  { tree: tipsVi },
  { tree: calendarVi },
  { tree: casesPageVi },
  { tree: rehabVi },
  { tree: reportsPageVi },
  // The screens below add their keys only (their `nav` keys join the shell's; existing keys are kept).
  { tree: patrolsPageVi, keep: true },
  { tree: dashboardVi, keep: true },
  { tree: mediationPageVi, keep: true },
  { tree: residencePageVi, keep: true },
  { tree: certificationPageVi, keep: true },
  { tree: camerasPageVi, keep: true },
  { tree: outreachPageVi, keep: true },
]);
