import { type ComboboxItem, type OptionsFilter, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { matchesFolded } from '../lib/text.ts';

/** One choice of a filter: the value kept in the address and the words shown. */
export type FilterOption<T extends string = string> = { value: T; label: string };

/**
 * Narrows a Mantine Select's options to those whose label holds every word typed, ignoring diacritics and case
 * ("thanh vinh" finds "Phường Thành Vinh"). Pass it as `filter` to any searchable Select.
 */
export const foldedOptionsFilter: OptionsFilter = ({ options, search }) =>
  (options as ComboboxItem[]).filter((option) => matchesFolded(option.label, search));

export type FilterSelectProps<T extends string> = {
  label: string;
  /** Shown while nothing is chosen, e.g. "Mọi trạng thái". */
  placeholder?: string;
  data: readonly FilterOption<T>[];
  /** The choice in effect (usually from the address), or undefined for none. */
  value: T | undefined;
  /** Called with the new choice, or undefined when it is cleared. */
  onChange: (value: T | undefined) => void;
  /** Typing narrows the options, ignoring diacritics; "Không có lựa chọn phù hợp" when nothing matches. */
  searchable?: boolean;
  /** A clear button (named "Xoá lựa chọn") and choosing the same option again clear it; default true. */
  clearable?: boolean;
  /** The field's CSS `flex` in a filter bar, e.g. "1 1 12rem". */
  flex?: string;
};

/**
 * A list filter as a Mantine Select: labelled, clearable, its dropdown in a portal, optionally searchable without
 * regard to diacritics. `value`/`onChange` use undefined for "no choice", as the address does.
 */
export function FilterSelect<T extends string>({
  label,
  placeholder,
  data,
  value,
  onChange,
  searchable = false,
  clearable = true,
  flex,
}: FilterSelectProps<T>) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value ?? null}
      onChange={(next) => onChange((next ?? undefined) as T | undefined)}
      searchable={searchable}
      nothingFoundMessage={searchable ? t('common.noMatches') : undefined}
      filter={searchable ? foldedOptionsFilter : undefined}
      clearable={clearable}
      clearButtonProps={clearable ? { 'aria-label': t('common.clear') } : undefined}
      allowDeselect={clearable}
      comboboxProps={{ withinPortal: true }}
      style={flex ? { flex } : undefined}
    />
  );
}
