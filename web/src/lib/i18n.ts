import { LOCALES, type Locale } from '@binh-an/domain';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Tree } from '../locales/merge.ts';

/** Where the chosen language is kept between visits, before and after login. */
export const LOCALE_STORAGE_KEY = 'binh-an.locale';

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

type Catalogue = { catalogue: Tree };

/**
 * Each language's strings, fetched on demand: the first load carries none. The first screens (sign-in, errors) need
 * only a few groups of one language (first-screen.ts); every other screen waits for its language's whole catalogue (the
 * shared domain messages merged with the app's and every module's strings), and switching language fetches the other.
 */
const CATALOGUES: Record<Locale, { firstScreen: () => Promise<Catalogue>; full: () => Promise<Catalogue> }> = {
  vi: { firstScreen: () => import('../locales/first-screen.vi.ts'), full: () => import('../locales/catalogue.vi.ts') },
  en: { firstScreen: () => import('../locales/first-screen.en.ts'), full: () => import('../locales/catalogue.en.ts') },
};

/** The one i18next instance; its languages' strings are added as they arrive. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: readStoredLocale(),
  fallbackLng: false,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const loaded = new Map<string, Promise<void>>();

/** Fetches one part of a language once (a failed fetch may be tried again) and adds its strings. */
function loadPart(locale: Locale, part: 'firstScreen' | 'full'): Promise<void> {
  const key = `${locale}:${part}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = CATALOGUES[locale][part]().then(
      ({ catalogue }) => {
        i18n.addResourceBundle(locale, 'translation', catalogue, true, true);
      },
      (error: unknown) => {
        loaded.delete(key);
        throw error;
      },
    );
    loaded.set(key, pending);
  }
  return pending;
}

/** Fetches the strings of the first screens in a language (all of them if the whole language is already here). */
export function loadFirstScreen(locale: Locale): Promise<void> {
  return loaded.has(`${locale}:full`) ? loadPart(locale, 'full') : loadPart(locale, 'firstScreen');
}

/** Fetches a language's whole catalogue once. */
export function loadLocale(locale: Locale): Promise<void> {
  return loadPart(locale, 'full');
}

/** Switches the UI language once its strings are there, so that no screen shows message keys meanwhile. */
export async function changeLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  await i18n.changeLanguage(locale);
}

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
