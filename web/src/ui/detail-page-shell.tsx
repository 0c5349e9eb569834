import { Group } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AnchorLink } from './anchor-link.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { IconArrowLeft } from './icons.tsx';
import { LoadingState } from './loading-state.tsx';
import { PageHeader } from './page-header.tsx';

export type DetailPageShellProps<T> = {
  /** The query of the record shown (its pending and error states are the shell's). */
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'isError' | 'refetch'>;
  /** The link back to the list, above the title: where it goes (route and search, e.g. the list's last filters) and its words. */
  back: Pick<LinkComponentProps<'a'>, 'to' | 'search'> & { label: string };
  /** The <h1> while the record loads, and when it cannot be opened (the error, with a retry, follows it). */
  loadingTitle: string;
  errorTitle: string;
  /** The <h1> of the record, e.g. "Tin báo TB-2026-0012". */
  title: (record: T) => string;
  /** Buttons at the right of the title. */
  actions?: (record: T) => ReactNode;
  /** A line under the title: status badges, "every read is logged"… */
  meta?: (record: T) => ReactNode;
  /** The page body. */
  children: (record: T) => ReactNode;
};

/**
 * The frame of a record's page (a tip, a rehab dossier…): the back link, the title, its loading and error states,
 * then the record's own content. Render props receive the loaded record.
 */
export function DetailPageShell<T>({ query, back, loadingTitle, errorTitle, title, actions, meta, children }: DetailPageShellProps<T>) {
  const backLink = (
    <AnchorLink to={back.to} search={back.search} size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} />
      {back.label}
    </AnchorLink>
  );
  if (query.isPending) {
    return (
      <>
        {backLink}
        <PageHeader title={loadingTitle} />
        <LoadingState />
      </>
    );
  }
  if (query.isError || query.data === undefined) {
    return (
      <>
        {backLink}
        <PageHeader title={errorTitle} />
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const record = query.data;
  return (
    <>
      {backLink}
      <PageHeader title={title(record)} actions={actions?.(record)} />
      {meta ? (
        <Group gap={6} wrap="wrap" mt={-8} mb="md">
          {meta(record)}
        </Group>
      ) : null}
      {children(record)}
    </>
  );
}

/** One fact of a record in a description list (`<dl>`): its name and its value. */
export function DetailFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
