import { type PeriodPreset, PRESET_PARTS, reportMessages } from '@binh-an/domain';
import { Group, Paper, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { type Period, REPORT_PERIOD_KINDS, type ReportPeriodKind, type ReportSearch, readPart, readYear, reportYears } from './period.ts';
import type { UnitOption } from './report-units.ts';

type PeriodSearch = Omit<ReportSearch, 'lang'>;

const ROMAN = ['I', 'II', 'III', 'IV'];

type ReportPeriodFiltersProps = {
  search: PeriodSearch;
  onChange: (patch: Partial<PeriodSearch>) => void;
  unitOptions: readonly UnitOption[];
  unitKey: string | undefined;
  /** The period shown, to start a custom range from. */
  period: Period | null;
  today: string;
  /** The period kind when the address names none. */
  defaultKind: ReportPeriodKind;
  /** The name of the region holding the fields. */
  label: string;
  /** Further fields after the period (the report's language). */
  children?: ReactNode;
};

/**
 * The unit and the period of the periodic report, the dashboard and the map: a unit, then a preset with the legal
 * windows (and its month, quarter or half, and year), or two days.
 */
export function ReportPeriodFilters({
  search,
  onChange,
  unitOptions,
  unitKey,
  period,
  today,
  defaultKind,
  label,
  children,
}: ReportPeriodFiltersProps) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language === 'en' ? 'en' : 'vi';
  const kind: ReportPeriodKind = search.period ?? defaultKind;
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
    <Paper withBorder p="sm" component="section" aria-label={label}>
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
            const next = (value ?? defaultKind) as ReportPeriodKind;
            // Start the range from what was shown, so that only one bound needs changing.
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
        {children}
      </Group>
    </Paper>
  );
}
