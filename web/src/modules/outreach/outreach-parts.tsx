import { ACTIVITY_TYPES, OUTREACH_TOPICS, type OutreachTopic } from '@binh-an/domain';
import { Group, Select, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { type PagedQuery, PagedTable } from '../../ui/paged-table.tsx';
import { useAllUnits } from '../units/api.ts';

/** The units a form may target: the ward and its blocks and schools in the account's reach, active today. */
export function useTargetUnits() {
  const units = (useAllUnits().data ?? []).filter((u) => u.isActive && ['ward', 'commune', 'block', 'school'].includes(u.type));
  return units.map((u) => ({ value: u.id, label: u.name, type: u.type, parentId: u.parentId }));
}

/** The activity types and topics as options, in the user's language. */
export function useOptions() {
  const { t } = useTranslation();
  return {
    types: ACTIVITY_TYPES.map((x) => ({ value: x, label: t(`outreach.types.${x}`) })),
    topics: OUTREACH_TOPICS.map((x) => ({ value: x, label: t(`outreach.topics.${x}`) })),
  };
}

type TopicSelectProps =
  | { value: OutreachTopic; onChange: (topic: OutreachTopic) => void; clearable?: false }
  | { value: OutreachTopic | undefined; onChange: (topic: OutreachTopic | undefined) => void; clearable: true };

/** The topic of a record (one, never none), or with `clearable` a list's topic filter (one or none). */
export function TopicSelect({ value, onChange, clearable = false }: TopicSelectProps) {
  const { t } = useTranslation();
  const { topics } = useOptions();
  const change = onChange as (topic: OutreachTopic | undefined) => void;
  return (
    <Select
      label={t('outreachPage.topic')}
      data={topics}
      value={value ?? null}
      onChange={(v) => (v || clearable) && change((v ?? undefined) as OutreachTopic | undefined)}
      clearable={clearable}
      allowDeselect={clearable}
    />
  );
}

/** The filters above an outreach list: a search region named for the list, the search box first, then `children`. */
export function ListFilters({
  label,
  q,
  onSearch,
  children,
}: {
  label: string;
  q: string | undefined;
  onSearch: (q: string | undefined) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label={label}>
      <TextInput label={t('outreachPage.search')} value={q ?? ''} onChange={(e) => onSearch(e.currentTarget.value || undefined)} />
      {children}
    </Group>
  );
}

/** A tab's list: loading, its error, "nothing yet", then the table of the rows loaded so far, the count and "Tải thêm". */
export function TabTable({
  list,
  name,
  minWidth,
  children,
}: {
  list: PagedQuery & { items: unknown[] };
  name: 'activities' | 'scripts' | 'announcements';
  minWidth: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <PagedTable
      list={list}
      rowCount={list.items.length}
      empty={<EmptyState title={t(`outreachPage.${name}.empty`)} description="" />}
      caption={t(`outreachPage.${name}.caption`)}
      minWidth={minWidth}
      countText={t('outreachPage.count', { count: list.items.length })}
    >
      {children}
    </PagedTable>
  );
}

/** How a form saved by one mutation submits: its error, its submit handler and its button (spread into `ActionForm`). */
export function mutationForm(mutation: { mutate: () => void; error: unknown; isPending: boolean }, submitLabel: string) {
  return {
    error: mutation.error ? describeError(mutation.error) : null,
    onSubmit: (e: FormEvent) => {
      e.preventDefault();
      mutation.mutate();
    },
    submit: { label: submitLabel, isLoading: mutation.isPending },
  };
}
