import { type PeriodPreset, PRESET_PARTS, reportMessages } from '@binh-an/domain';
import { Alert, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../lib/format.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useMe } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { type ReportParams, usePeriodicReport } from './api.ts';
import {
  DEFAULT_PERIOD_KIND,
  REPORT_PERIOD_KINDS,
  type ReportPeriodKind,
  readPart,
  readYear,
  reportYears,
  resolveReportPeriod,
} from './period.ts';
import { ReportDownloads } from './report-downloads.tsx';
import { findUnitByKey, reportUnitKey, reportUnitOptions } from './report-units.ts';
import { ReportView } from './report-view.tsx';

const routeApi = getRouteApi('/signed-in/reports');
const ROMAN = ['I', 'II', 'III', 'IV'];

/** The periodic report: a unit, a period (presets with the legal windows, or two days), the report and its documents. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const me = useMe();
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];
  const today = todayInVietnam();
  const uiLang = i18n.language === 'en' ? 'en' : 'vi';
  const lang = search.lang ?? uiLang;

  const unitOptions = useMemo(() => reportUnitOptions(units, t), [units, t]);
  const ownUnit = units.find((unit) => unit.id === me.unit.id);
  const defaultUnitKey =
    ownUnit && unitOptions.some((o) => o.value === reportUnitKey(ownUnit, units)) ? reportUnitKey(ownUnit, units) : unitOptions[0]?.value;
  const unitKey = search.unit ?? defaultUnitKey;
  const isUnitKnown = unitKey !== undefined && (units.length === 0 || findUnitByKey(units, unitKey) !== undefined);
  const kind: ReportPeriodKind = search.period ?? DEFAULT_PERIOD_KIND;
  const year = readYear(search.year) ?? Number(today.slice(0, 4));
  const period = resolveReportPeriod(search, today);
  const params: ReportParams | null = unitKey && isUnitKnown && period ? { unit: unitKey, from: period.from, to: period.to, lang } : null;
  const query = usePeriodicReport(params);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isInverted = Boolean(kind === 'custom' && search.from && search.to && search.from > search.to);
  const presets = reportMessages(uiLang).presets;
  const kindOptions = REPORT_PERIOD_KINDS.map((value) => ({
    value,
    label: value === 'custom' ? t('reportsPage.custom') : presets[value],
  }));
  const yearOptions = [...new Set([...reportYears(today), year])].sort((a, b) => b - a).map((value) => String(value));
  const parts = kind === 'custom' ? 1 : PRESET_PARTS[kind as PeriodPreset];
  const partLabel = kind === 'month' ? t('reportsPage.month') : kind === 'quarter' ? t('reportsPage.quarter') : t('reportsPage.half');
  const partOptions = Array.from({ length: parts }, (_, i) => ({
    value: String(i + 1),
    label:
      kind === 'month'
        ? t('reportsPage.monthValue', { n: i + 1 })
        : kind === 'quarter'
          ? t('reportsPage.quarterValue', { roman: ROMAN[i] })
          : t(`reportsPage.halfValue.${i + 1}`),
  }));

  const renderBody = () => {
    if (unitsQuery.isError) return <ErrorAlert error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
    if (!unitKey || !isUnitKnown) {
      return unitsQuery.isPending ? <LoadingState /> : <Alert color="orange">{t('reportsPage.chooseUnit')}</Alert>;
    }
    if (!period) return isInverted ? null : <Alert color="brand">{t('reportsPage.customIncomplete')}</Alert>;
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    return (
      <div aria-busy={query.isFetching || undefined}>
        <ReportView report={query.data} />
      </div>
    );
  };

  return (
    <>
      <PageHeader title={t('reportsPage.title')} description={t('reportsPage.description')} />
      <Stack gap="md">
        <Paper withBorder p="sm" component="section" aria-label={t('reportsPage.choose')}>
          <Group gap="md" align="flex-start" wrap="wrap">
            <Select
              label={t('reportsPage.unit')}
              description={t('reportsPage.unitHint')}
              data={unitOptions}
              value={unitKey ?? null}
              onChange={(value) => updateSearch({ unit: value ?? undefined })}
              allowDeselect={false}
              searchable
              nothingFoundMessage={t('common.noMatches')}
              filter={foldedOptionsFilter}
              maxDropdownHeight={320}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: '2 1 16rem' }}
            />
            <Select
              label={t('reportsPage.period')}
              data={kindOptions}
              value={kind}
              onChange={(value) => {
                const next = (value ?? DEFAULT_PERIOD_KIND) as ReportPeriodKind;
                if (next === 'custom') {
                  // Start the range from what was shown, so that only one bound needs changing.
                  updateSearch({ period: next, from: search.from ?? period?.from, to: search.to ?? period?.to, part: undefined });
                } else updateSearch({ period: next, part: undefined, from: undefined, to: undefined });
              }}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: '2 1 16rem' }}
            />
            {kind === 'custom' ? (
              <>
                <FilterDateInput
                  label={t('reportsPage.from')}
                  value={search.from}
                  onCommit={(from) => updateSearch({ from })}
                  formatError={t('reportsPage.dateFormat')}
                  style={{ flex: '1 1 9rem' }}
                />
                <FilterDateInput
                  label={t('reportsPage.to')}
                  value={search.to}
                  onCommit={(to) => updateSearch({ to })}
                  formatError={t('reportsPage.dateFormat')}
                  error={isInverted ? t('reports.periodInverted') : null}
                  style={{ flex: '1 1 9rem' }}
                />
              </>
            ) : (
              <>
                {parts > 1 ? (
                  <Select
                    label={partLabel}
                    data={partOptions}
                    value={String(readPart(kind as PeriodPreset, search.part))}
                    onChange={(value) => updateSearch({ part: value ?? undefined })}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    style={{ flex: '1 1 10rem' }}
                  />
                ) : null}
                <Select
                  label={t('reportsPage.year')}
                  data={yearOptions}
                  value={String(year)}
                  onChange={(value) => updateSearch({ year: value && value !== today.slice(0, 4) ? value : undefined })}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  style={{ flex: '1 1 7rem' }}
                  maw="10rem"
                />
              </>
            )}
            <Stack gap={4} style={{ flex: '1 1 12rem' }}>
              <Text size="sm" fw={500} id="report-language">
                {t('reportsPage.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="report-language"
                value={lang}
                onChange={(value) => updateSearch({ lang: value === uiLang ? undefined : (value as 'vi' | 'en') })}
                data={[
                  { value: 'vi', label: t('reportsPage.languages.vi') },
                  { value: 'en', label: t('reportsPage.languages.en') },
                ]}
              />
            </Stack>
          </Group>
        </Paper>
        <ReportDownloads params={params} />
        <div>{renderBody()}</div>
      </Stack>
    </>
  );
}
