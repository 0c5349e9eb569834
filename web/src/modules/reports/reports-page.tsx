import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../lib/format.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useMe } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { type ReportParams, usePeriodicReport } from './api.ts';
import { DEFAULT_PERIOD_KIND, type ReportPeriodKind, resolveReportPeriod } from './period.ts';
import { ReportDownloads } from './report-downloads.tsx';
import { ReportPeriodFilters } from './report-period-filters.tsx';
import { findUnitByKey, reportUnitKey, reportUnitOptions } from './report-units.ts';
import { ReportView } from './report-view.tsx';

const routeApi = getRouteApi('/signed-in/reports');

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
  const period = resolveReportPeriod(search, today);
  const params: ReportParams | null = unitKey && isUnitKnown && period ? { unit: unitKey, from: period.from, to: period.to, lang } : null;
  const query = usePeriodicReport(params);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isInverted = Boolean(kind === 'custom' && search.from && search.to && search.from > search.to);

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
        <ReportPeriodFilters
          search={search}
          onChange={updateSearch}
          unitOptions={unitOptions}
          unitKey={unitKey}
          period={period}
          today={today}
          defaultKind={DEFAULT_PERIOD_KIND}
          label={t('reportsPage.choose')}
        >
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
        </ReportPeriodFilters>
        <ReportDownloads params={params} />
        <div>{renderBody()}</div>
      </Stack>
    </>
  );
}
