import { type PeriodPreset, PRESET_PARTS, reportMessages } from '@binh-an/domain';
import { Group, Paper, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { type Period, REPORT_PERIOD_KINDS, type ReportPeriodKind, readPart, readYear, reportYears } from '../reports/period.ts';
import type { UnitOption } from '../reports/report-units.ts';
import { DASHBOARD_DEFAULT_KIND, type DashboardSearch } from './dashboard-model.ts';

const ROMAN = ['I', 'II', 'III', 'IV'];

type DashboardFiltersProps = {
  search: DashboardSearch;
  onChange: (patch: Partial<DashboardSearch>) => void;
  unitOptions: readonly UnitOption[];
  unitKey: string | undefined;
  /** The period shown, to start a custom range from. */
  period: Period | null;
  today: string;
};

/** The unit and the period of the dashboard and the map: the report page's presets with the legal windows, or two days. */
export function DashboardFilters({ search, onChange, unitOptions, unitKey, period, today }: DashboardFiltersProps) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language === 'en' ? 'en' : 'vi';
  const kind: ReportPeriodKind = search.period ?? DASHBOARD_DEFAULT_KIND;
  const year = readYear(search.year) ?? Number(today.slice(0, 4));
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
  const isInverted = Boolean(kind === 'custom' && search.from && search.to && search.from > search.to);

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('dashboardPage.choose')}>
      <Group gap="md" align="flex-start" wrap="wrap">
        <Select
          label={t('reportsPage.unit')}
          description={t('reportsPage.unitHint')}
          data={[...unitOptions]}
          value={unitKey ?? null}
          onChange={(value) => onChange({ unit: value ?? undefined })}
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
            const next = (value ?? DASHBOARD_DEFAULT_KIND) as ReportPeriodKind;
            if (next === 'custom') {
              onChange({ period: next, from: search.from ?? period?.from, to: search.to ?? period?.to, part: undefined });
            } else onChange({ period: next, part: undefined, from: undefined, to: undefined });
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          style={{ flex: '2 1 14rem' }}
        />
        {kind === 'custom' ? (
          <>
            <FilterDateInput
              label={t('reportsPage.from')}
              value={search.from}
              onCommit={(from) => onChange({ from })}
              formatError={t('reportsPage.dateFormat')}
              style={{ flex: '1 1 9rem' }}
            />
            <FilterDateInput
              label={t('reportsPage.to')}
              value={search.to}
              onCommit={(to) => onChange({ to })}
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
                onChange={(value) => onChange({ part: value ?? undefined })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                style={{ flex: '1 1 10rem' }}
              />
            ) : null}
            <Select
              label={t('reportsPage.year')}
              data={yearOptions}
              value={String(year)}
              onChange={(value) => onChange({ year: value && value !== today.slice(0, 4) ? value : undefined })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: '1 1 7rem' }}
              maw="10rem"
            />
          </>
        )}
      </Group>
    </Paper>
  );
}
