import { Button, Group, Paper, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type FilterBarProps = {
  /** The fields always shown, typically the search box first. */
  children: ReactNode;
  /**
   * Fields shown after `children` on wide screens and folded behind a "Lọc thêm" button (with `aria-expanded`) on
   * small ones (≤ 48em), so that the list stays in view on a phone.
   */
  moreFilters?: ReactNode;
  /** How many of `moreFilters` are set, shown on that button: "Lọc thêm (2 đang chọn)". */
  moreCount?: number;
  /** When `isFiltered`, a "Xoá bộ lọc" button ends the row and calls this. */
  onClearFilters?: () => void;
  isFiltered?: boolean;
  /** How fields of different heights line up: by their bottom (default) or top (when errors show under fields). */
  align?: 'flex-end' | 'flex-start';
  /** Content under the fields, e.g. a filter set from the table with its remove button. */
  footer?: ReactNode;
};

/** Whether any filter of a list's address is set (an empty text counts as unset). */
export const hasFilters = (search: object) => Object.values(search).some((v) => v !== undefined && v !== '');

/** The filter toolbar above a staff list: a region named "Bộ lọc" holding the list's filters in one wrapping row. */
export function FilterBar({
  children,
  moreFilters,
  moreCount = 0,
  onClearFilters,
  isFiltered = false,
  align = 'flex-end',
  footer,
}: FilterBarProps) {
  const { t } = useTranslation();
  const panelId = useId();
  const isSmall = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [isOpen, setOpen] = useState(false);
  const folds = Boolean(moreFilters) && isSmall;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('common.filters')}>
      <Group gap="sm" align={align} wrap="wrap">
        {children}
        {folds ? (
          <Button
            variant="outline"
            onClick={() => setOpen((open) => !open)}
            aria-expanded={isOpen}
            aria-controls={isOpen ? panelId : undefined}
          >
            {moreCount > 0 ? t('common.moreFiltersCount', { count: moreCount }) : t('common.moreFilters')}
          </Button>
        ) : (
          moreFilters
        )}
        {onClearFilters && isFiltered ? (
          <Button variant="subtle" onClick={onClearFilters}>
            {t('common.clearFilters')}
          </Button>
        ) : null}
      </Group>
      {folds && isOpen ? (
        <Stack id={panelId} gap="sm" mt="sm">
          {moreFilters}
        </Stack>
      ) : null}
      {footer}
    </Paper>
  );
}
