import type { Locale } from '../common/common.schemas.ts';
import { en } from './en.ts';
import { type Messages, vi } from './vi.ts';

export const MESSAGES: Record<Locale, Messages> = { vi, en };

/** Looks up a dotted message key ("errors.notFound") in a locale, falling back to Vietnamese, then to the key. */
export function translate(locale: Locale, key: string, vars: Record<string, string> = {}): string {
  const find = (m: unknown): string | undefined => {
    let cur: unknown = m;
    for (const part of key.split('.')) {
      if (cur && typeof cur === 'object' && part in cur) cur = (cur as Record<string, unknown>)[part];
      else return undefined;
    }
    return typeof cur === 'string' ? cur : undefined;
  };
  const text = find(MESSAGES[locale]) ?? find(MESSAGES.vi) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}
