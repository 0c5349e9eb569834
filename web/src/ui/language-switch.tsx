import { LOCALES, type Locale } from '@binh-an/domain';
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../lib/i18n.ts';
import { IconGlobe } from './icons.tsx';

// Language names are written in their own language, so anyone can find theirs.
const LANGUAGE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };

type LanguageSwitchProps = { onChange: (locale: Locale) => void; size?: 'xs' | 'sm' };

/** The VI/EN choice, a native select named "Ngôn ngữ" / "Language". */
export function LanguageSwitch({ onChange, size = 'sm' }: LanguageSwitchProps) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('common.language')}
      size={size}
      value={i18n.language}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isLocale(value)) onChange(value);
      }}
      leftSection={<IconGlobe size={16} />}
      data={LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] }))}
      w={size === 'xs' ? 136 : 150}
    />
  );
}
