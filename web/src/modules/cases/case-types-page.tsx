import { CASE_GROUPS, type CaseGroup, type CaseTypeEntry, createCaseTypeSchema } from '@binh-an/domain';
import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatNumber, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { matchesFolded } from '../../lib/text.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload, IconPlus, IconSearch } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { requiredField } from '../../ui/required-field.ts';
import { useCan } from '../auth/hooks.ts';
import { casesQueryKey, caseTypesQueryKey, createCaseType, updateCaseType, useCaseTypes } from './api.ts';

type FormValues = { code: string; group: string; penalCodeArticle: string; labelVi: string; labelEn: string };
const FIELDS = ['code', 'group', 'penalCodeArticle', 'labelVi', 'labelEn'] as const;
type StateFilter = 'active' | 'retired' | 'all';

/** Adding a type, or changing one; a new group moves the type's cases with it, so it is confirmed first. */
function CaseTypeFormModal({ editing, onClose }: { editing: CaseTypeEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [pendingRegroup, setPendingRegroup] = useState<FormValues | null>(null);
  const form = useForm<FormValues>({
    initialValues: {
      code: editing?.code ?? '',
      group: editing?.group ?? '',
      penalCodeArticle: editing?.penalCodeArticle ?? '',
      labelVi: editing?.labelVi ?? '',
      labelEn: editing?.labelEn ?? '',
    },
  });

  const mutation = useMutation({
    mutationFn: (values: FormValues) => {
      const article = values.penalCodeArticle.trim() || null;
      if (!editing) {
        return createCaseType({
          code: values.code.trim(),
          group: values.group as CaseGroup,
          penalCodeArticle: article,
          labelVi: values.labelVi,
          labelEn: values.labelEn.trim() || undefined,
        }).then((entry) => ({ ...entry, movedCases: 0 }));
      }
      return updateCaseType(editing.code, {
        group: values.group !== editing.group ? (values.group as CaseGroup) : undefined,
        penalCodeArticle: article !== editing.penalCodeArticle ? article : undefined,
        labelVi: values.labelVi !== editing.labelVi ? values.labelVi : undefined,
        labelEn: values.labelEn !== editing.labelEn ? values.labelEn : undefined,
      });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: caseTypesQueryKey });
      if (saved.movedCases > 0) await queryClient.invalidateQueries({ queryKey: casesQueryKey });
      notifySuccess(
        editing
          ? saved.movedCases > 0
            ? t('caseTypesPage.savedMoved', { name: saved.labelVi, count: formatNumber(saved.movedCases) })
            : t('caseTypesPage.saved', { name: saved.labelVi })
          : t('caseTypesPage.added', { name: saved.labelVi }),
      );
      onClose();
    },
    onError: (error) => {
      setPendingRegroup(null);
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const body = {
      code: editing ? 'existing' : values.code.trim(),
      group: values.group,
      penalCodeArticle: values.penalCodeArticle.trim() || null,
      labelVi: values.labelVi,
      labelEn: values.labelEn.trim() || undefined,
    };
    const errors = validateWithSchema(createCaseTypeSchema, body);
    if (!values.group) errors.group = t('validation.required');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    if (editing && values.group !== editing.group) setPendingRegroup(values);
    else if (editing && FIELDS.every((field) => field === 'code' || values[field] === form.getInitialValues()[field])) onClose();
    else mutation.mutate(values);
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('caseTypesPage.editTitle', { name: editing.labelVi }) : t('caseTypesPage.addTitle')}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{editing ? t('caseTypesPage.editIntro') : t('caseTypesPage.addIntro')}</Text>
          <Text size="sm" c="dimmed">
            {t('common.requiredNote')}
          </Text>
          <FormErrorAlert message={formError} />
          <TextInput label={t('caseTypesPage.fields.labelVi')} {...requiredField} autoComplete="off" {...form.getInputProps('labelVi')} />
          <TextInput
            label={t('caseTypesPage.fields.labelEn')}
            description={t('caseTypesPage.labelEnHint')}
            autoComplete="off"
            {...form.getInputProps('labelEn')}
          />
          {editing ? null : (
            <TextInput
              label={t('caseTypesPage.fields.code')}
              description={t('caseTypesPage.codeHint')}
              {...requiredField}
              autoComplete="off"
              spellCheck={false}
              className="mono"
              {...form.getInputProps('code')}
            />
          )}
          <Select
            label={t('caseTypesPage.fields.group')}
            description={t('caseTypesPage.groupHint')}
            {...requiredField}
            data={CASE_GROUPS.map((group) => ({ value: group, label: t(`cases.groups.${group}`) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('group')}
            value={form.values.group || null}
            onChange={(value) => form.setFieldValue('group', value ?? '')}
          />
          <TextInput
            label={t('caseTypesPage.fields.article')}
            description={t('caseTypesPage.articleHint')}
            inputMode="numeric"
            autoComplete="off"
            w={{ base: '100%', xs: 220 }}
            {...form.getInputProps('penalCodeArticle')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {editing ? t('caseTypesPage.save') : t('caseTypesPage.add')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={pendingRegroup !== null}
        title={t('caseTypesPage.regroupTitle')}
        message={t('caseTypesPage.regroupText', {
          name: editing?.labelVi ?? '',
          from: editing ? t(`cases.groups.${editing.group}`) : '',
          to: pendingRegroup ? t(`cases.groups.${pendingRegroup.group}`) : '',
        })}
        confirmLabel={t('caseTypesPage.regroupConfirm')}
        onConfirm={() => pendingRegroup && mutation.mutate(pendingRegroup)}
        onClose={() => setPendingRegroup(null)}
        isLoading={mutation.isPending}
      />
    </Modal>
  );
}

/**
 * The case-type catalogue shared by every ward: each type's names, report group and usual Penal Code article. Types
 * are retired, never deleted; what a type is called or where it counts is changed here, not in code.
 */
export function CaseTypesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canManage = can('case.catalogue');
  const queryClient = useQueryClient();
  const query = useCaseTypes();
  const [searchText, setSearchText] = useState('');
  const [group, setGroup] = useState<CaseGroup | null>(null);
  const [state, setState] = useState<StateFilter>('active');
  const [editing, setEditing] = useState<CaseTypeEntry | 'new' | null>(null);
  const [toggling, setToggling] = useState<CaseTypeEntry | null>(null);
  const isEnglish = i18n.language === 'en';

  const rows = useMemo(
    () =>
      (query.data ?? []).filter(
        (entry) =>
          (!group || entry.group === group) &&
          (state === 'all' || (state === 'active') === entry.active) &&
          (!searchText.trim() ||
            [entry.labelVi, entry.labelEn, entry.code, entry.penalCodeArticle ?? ''].some((text) => matchesFolded(text, searchText))),
      ),
    [query.data, group, state, searchText],
  );
  const isFiltered = Boolean(searchText.trim() || group || state !== 'active');

  const toggle = useMutation({
    mutationFn: (entry: CaseTypeEntry) => updateCaseType(entry.code, { active: !entry.active }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: caseTypesQueryKey });
      notifySuccess(t(saved.active ? 'caseTypesPage.restored' : 'caseTypesPage.retired', { name: saved.labelVi }));
      setToggling(null);
    },
  });

  const exportCsv = () => {
    const csv = buildCsv(
      [
        t('caseTypesPage.fields.labelVi'),
        t('caseTypesPage.fields.labelEn'),
        t('caseTypesPage.fields.code'),
        t('caseTypesPage.fields.group'),
        t('caseTypesPage.fields.article'),
        t('caseTypesPage.fields.state'),
      ],
      rows.map((entry) => [
        entry.labelVi,
        entry.labelEn,
        entry.code,
        t(`cases.groups.${entry.group}`),
        entry.penalCodeArticle ?? '',
        t(entry.active ? 'caseTypesPage.active' : 'caseTypesPage.retiredState'),
      ]),
    );
    downloadText(stampedFileName(t('caseTypesPage.csvName'), todayInVietnam()), csv);
  };

  const clearFilters = () => {
    setSearchText('');
    setGroup(null);
    setState('active');
  };

  const renderBody = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      return (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('caseTypesPage.noResults')}
          activeFilters={isFiltered ? [t('common.filters')] : undefined}
          onClearFilters={isFiltered ? clearFilters : undefined}
        />
      );
    }
    return (
      <>
        <DataTable caption={t('caseTypesPage.tableCaption')} minWidth={760} label={t('caseTypesPage.tableCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseTypesPage.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('caseTypesPage.fields.group')}</Table.Th>
              <Table.Th scope="col">{t('caseTypesPage.fields.article')}</Table.Th>
              <Table.Th scope="col">{t('caseTypesPage.fields.state')}</Table.Th>
              {canManage ? <Table.Th scope="col">{t('caseTypesPage.fields.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => (
              <Table.Tr key={entry.code}>
                <Table.Th scope="row" fw={400}>
                  <Text fw={700} size="sm">
                    {isEnglish ? entry.labelEn : entry.labelVi}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {isEnglish ? entry.labelVi : entry.labelEn} · <span className="mono">{entry.code}</span>
                  </Text>
                </Table.Th>
                <Table.Td>{t(`cases.groups.${entry.group}`)}</Table.Td>
                <Table.Td>{entry.penalCodeArticle ? t('casesPage.articleShort', { article: entry.penalCodeArticle }) : '—'}</Table.Td>
                <Table.Td>
                  <Badge color={entry.active ? 'green' : 'gray'}>
                    {t(entry.active ? 'caseTypesPage.active' : 'caseTypesPage.retiredState')}
                  </Badge>
                </Table.Td>
                {canManage ? (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="outline"
                        onClick={() => setEditing(entry)}
                        aria-label={t('caseTypesPage.editOne', { name: entry.labelVi })}
                      >
                        {t('caseTypesPage.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color={entry.active ? 'red' : 'brand'}
                        onClick={() => (entry.active ? setToggling(entry) : toggle.mutate(entry))}
                        loading={toggle.isPending && toggle.variables?.code === entry.code && !entry.active}
                        aria-label={t(entry.active ? 'caseTypesPage.retireOne' : 'caseTypesPage.restoreOne', { name: entry.labelVi })}
                      >
                        {t(entry.active ? 'caseTypesPage.retire' : 'caseTypesPage.restore')}
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
        <Text size="sm" c="dimmed" mt="xs" role="status">
          {t('caseTypesPage.count', { count: formatNumber(rows.length) })}
        </Text>
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t('caseTypesPage.title')}
        description={t('caseTypesPage.description')}
        actions={
          <>
            <Button variant="outline" leftSection={<IconDownload size={16} />} onClick={exportCsv} disabled={rows.length === 0}>
              {t('common.exportCsv')}
            </Button>
            {canManage ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
                {t('caseTypesPage.add')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="sm" component="section" aria-label={t('common.filters')}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('caseTypesPage.search')}
              description={t('casesPage.searchHint')}
              type="search"
              leftSection={<IconSearch size={16} />}
              value={searchText}
              onChange={(event) => setSearchText(event.currentTarget.value)}
              style={{ flex: '3 1 16rem' }}
            />
            <Select
              label={t('caseTypesPage.fields.group')}
              placeholder={t('casesPage.allGroups')}
              data={CASE_GROUPS.map((value) => ({ value, label: t(`cases.groups.${value}`) }))}
              value={group}
              onChange={(value) => setGroup((value as CaseGroup | null) ?? null)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              style={{ flex: '1 1 12rem' }}
            />
            <Select
              label={t('caseTypesPage.fields.state')}
              data={(['active', 'retired', 'all'] as const).map((value) => ({ value, label: t(`caseTypesPage.states.${value}`) }))}
              value={state}
              onChange={(value) => setState((value as StateFilter | null) ?? 'active')}
              allowDeselect={false}
              style={{ flex: '1 1 10rem' }}
            />
            {isFiltered ? (
              <Button variant="subtle" onClick={clearFilters}>
                {t('common.clearFilters')}
              </Button>
            ) : null}
          </Group>
        </Paper>
        <div>{renderBody()}</div>
      </Stack>
      {editing ? <CaseTypeFormModal editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        opened={toggling !== null}
        title={t('caseTypesPage.retireTitle', { name: toggling?.labelVi ?? '' })}
        message={t('caseTypesPage.retireText')}
        confirmLabel={t('caseTypesPage.retire')}
        onConfirm={() => toggling && toggle.mutate(toggling)}
        onClose={() => setToggling(null)}
        isLoading={toggle.isPending}
        isDanger
        error={toggle.error ? describeError(toggle.error) : null}
      />
    </>
  );
}
