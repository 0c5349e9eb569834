import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

type DataTableProps = {
  caption: ReactNode;
  children: ReactNode;
  minWidth?: number;
  label?: string;
  /** Let column headings wrap (small summary tables that must fit a phone screen). */
  isCompact?: boolean;
};

/**
 * A real <table> with a caption and a sticky header, inside a frame that scrolls on small screens
 * (the frame is focusable so keyboard users can scroll it).
 */
export function DataTable({ caption, children, minWidth = 720, label, isCompact = false }: DataTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-frame" tabIndex={0} aria-label={label}>
      <Table
        className={isCompact ? 'data-table data-table-compact' : 'data-table'}
        stickyHeader
        striped
        highlightOnHover
        verticalSpacing={6}
        horizontalSpacing="sm"
        miw={minWidth}
        fz="sm"
      >
        <caption>{caption}</caption>
        {children}
      </Table>
    </section>
  );
}

/** A table's head: one column heading per label, in order. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((label) => (
          <Table.Th key={label} scope="col">
            {label}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
