import { LOCALES, type Locale, MESSAGES } from '@binh-an/domain';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { calendarEn } from '../locales/calendar.en.ts';
import { calendarVi } from '../locales/calendar.vi.ts';
import { camerasPageEn } from '../locales/cameras.en.ts';
import { camerasPageVi } from '../locales/cameras.vi.ts';
import { casesPageEn } from '../locales/cases.en.ts';
import { casesPageVi } from '../locales/cases.vi.ts';
import { certificationPageEn } from '../locales/certification.en.ts';
import { certificationPageVi } from '../locales/certification.vi.ts';
import { dashboardEn } from '../locales/dashboard.en.ts';
import { dashboardVi } from '../locales/dashboard.vi.ts';
import { en as webEn } from '../locales/en.ts';
import { mediationPageEn } from '../locales/mediation.en.ts';
import { mediationPageVi } from '../locales/mediation.vi.ts';
import { outreachPageEn } from '../locales/outreach.en.ts';
import { outreachPageVi } from '../locales/outreach.vi.ts';
import { patrolsPageEn } from '../locales/patrols.en.ts';
import { patrolsPageVi } from '../locales/patrols.vi.ts';
import { rehabEn } from '../locales/rehab.en.ts';
import { rehabVi } from '../locales/rehab.vi.ts';
import { reportsPageEn } from '../locales/reports.en.ts';
import { reportsPageVi } from '../locales/reports.vi.ts';
import { residencePageEn } from '../locales/residence.en.ts';
import { residencePageVi } from '../locales/residence.vi.ts';
import { tipsEn } from '../locales/tips.en.ts';
import { tipsVi } from '../locales/tips.vi.ts';
import { vi as webVi } from '../locales/vi.ts';

/** Where the chosen language is kept between visits, before and after login. */
export const LOCALE_STORAGE_KEY = 'binh-an.locale';

type Tree = { [key: string]: string | Tree };

function mergeTrees(base: Tree, extra: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = typeof value === 'object' && current && typeof current === 'object' ? mergeTrees(current, value) : value;
  }
  return out;
}

/** Whether a value is one of the supported UI languages. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language remembered on this device, or Vietnamese. */
export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

/** Remembers the language on this device. */
export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

/** The one i18next instance: shared domain messages merged with the web app's own strings, per language. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    vi: {
      translation: mergeTrees(
        mergeTrees(
          mergeTrees(
            mergeTrees(
              mergeTrees(mergeTrees(MESSAGES.vi as unknown as Tree, webVi as unknown as Tree), tipsVi as unknown as Tree),
              calendarVi as unknown as Tree,
            ),
            casesPageVi as unknown as Tree,
          ),
          rehabVi as unknown as Tree,
        ),
        reportsPageVi as unknown as Tree,
      ),
    },
    en: {
      translation: mergeTrees(
        mergeTrees(
          mergeTrees(
            mergeTrees(
              mergeTrees(mergeTrees(MESSAGES.en as unknown as Tree, webEn as unknown as Tree), tipsEn as unknown as Tree),
              calendarEn as unknown as Tree,
            ),
            casesPageEn as unknown as Tree,
          ),
          rehabEn as unknown as Tree,
        ),
        reportsPageEn as unknown as Tree,
      ),
    },
  },
  lng: readStoredLocale(),
  fallbackLng: 'vi',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

// The patrol screens' strings, added to each language (none of their keys is in another file).
i18n.addResourceBundle('vi', 'translation', patrolsPageVi, true, false);
i18n.addResourceBundle('en', 'translation', patrolsPageEn, true, false);

// The dashboard's and the map's strings, deep-merged into each language (existing keys are kept).
i18n.addResourceBundle('vi', 'translation', dashboardVi, true, false);
i18n.addResourceBundle('en', 'translation', dashboardEn, true, false);

// The mediation screens' strings, deep-merged into each language (their `nav` keys join the shell's).
i18n.addResourceBundle('vi', 'translation', mediationPageVi, true, false);
i18n.addResourceBundle('en', 'translation', mediationPageEn, true, false);

// The residence screens' strings, deep-merged into each language (their `nav` key joins the shell's).
i18n.addResourceBundle('vi', 'translation', residencePageVi, true, false);
i18n.addResourceBundle('en', 'translation', residencePageEn, true, false);

// The "An toàn về ANTT" screens' strings, deep-merged into each language (their `nav` keys join the shell's).
i18n.addResourceBundle('vi', 'translation', certificationPageVi, true, false);
i18n.addResourceBundle('en', 'translation', certificationPageEn, true, false);

// The community camera screens' strings, deep-merged into each language (their `nav` keys join the shell's).
i18n.addResourceBundle('vi', 'translation', camerasPageVi, true, false);
i18n.addResourceBundle('en', 'translation', camerasPageEn, true, false);

// The outreach screens' strings, deep-merged into each language (their `nav` key joins the shell's).
i18n.addResourceBundle('vi', 'translation', outreachPageVi, true, false);
i18n.addResourceBundle('en', 'translation', outreachPageEn, true, false);

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = isLocale(lng) ? lng : 'vi';
}

applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

/** The current UI language. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'vi';
}

/**
 * Translates a message key coming from a shared schema (e.g. "users.usernameFormat"); text that is not a known key
 * (a library's own message) is replaced by the generic "not a valid value".
 */
export function translateMessageKey(message: string): string {
  return i18n.exists(message) ? i18n.t(message) : i18n.t('validation.invalid');
}
