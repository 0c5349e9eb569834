import { Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';

type ListToolbarProps<F extends { q?: string }> = {
  filters: F;
  onChange: (filters: F) => void;
  searchLabel: string;
  /** The file of every row matching the filters (built and audited by the server). */
  exportHref: string;
  exportLabel: string;
  /** The list's own filters, after the search box. */
  children: ReactNode;
};

/** The filters above a certification list: the search box, the list's own filters, "Xoá bộ lọc" and the Excel export. */
export function CertificationListToolbar<F extends { q?: string }>({
  filters,
  onChange,
  searchLabel,
  exportHref,
  exportLabel,
  children,
}: ListToolbarProps<F>) {
  const isFiltered = Object.values(filters).some((v) => v !== undefined && v !== '');
  return (
    <Stack mb="md">
      <FilterBar isFiltered={isFiltered} onClearFilters={() => onChange({} as F)}>
        <FilterSearchInput label={searchLabel} value={filters.q} onChange={(q) => onChange({ ...filters, q })} flex="1 1 16rem" />
        {children}
        <Button component="a" variant="light" href={exportHref} download>
          {exportLabel}
        </Button>
      </FilterBar>
    </Stack>
  );
}
