import { CASE_GROUPS, formatQuantity, type ReportSummary } from '@binh-an/domain';
import { Alert, Grid, Group, Paper, Radio, Select, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { matchesFolded } from '../../lib/text.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useMe } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { useReportSummary } from './api.ts';
import { figureUnitOptions, findUnitByReportKey, unitReportKey } from './case-units.ts';
import { DEFAULT_PERIOD_PRESET, formatRate, PERIOD_PRESETS, type PeriodPreset, periodYears, readYear, resolvePeriod } from './period.ts';
import './cases.css';

const routeApi = getRouteApi('/signed-in/cases/summary');

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Figures({ data }: { data: ReportSummary }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const period = t('caseFigures.periodShort', { from: formatDate(data.period.from), to: formatDate(data.period.to) });
  const rate = formatRate(data.cases.clearanceRate, locale);
  const definition = data.cases.definition[locale] || t('cases.clearance.definition');
  const dash = t('caseFigures.notApplicable');
  // A small count about people (1–4) comes as null to a reader who may not open the records: shown as "< 5".
  const countText = (n: number | null) => (n === null ? t('caseFigures.suppressed') : formatNumber(n));

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('caseFigures.heading', { unit: data.unit.name, from: formatDate(data.period.from), to: formatDate(data.period.to) })}
      </Title>
      <dl className="figures-tiles" aria-label={t('caseFigures.keyFigures')}>
        <div className="figures-tile">
          <dt>{t('caseFigures.casesTotal')}</dt>
          <dd>{t('caseFigures.casesTotalValue', { count: formatNumber(data.cases.total) })}</dd>
        </div>
        <div className="figures-tile">
          <dt>{t('cases.clearance.label')}</dt>
          <dd>{rate ?? dash}</dd>
        </div>
        <div className="figures-tile">
          <dt>{t('caseFigures.rehabTotal')}</dt>
          <dd>{t('caseFigures.rehabTotalValue', { count: countText(data.rehabDossiers) })}</dd>
        </div>
        <div className="figures-tile">
          <dt>{t('caseFigures.tipsTotal')}</dt>
          <dd>{t('caseFigures.tipsTotalValue', { count: formatNumber(data.tips.received) })}</dd>
        </div>
      </dl>

      <Section id="figures-rate" title={t('cases.clearance.label')}>
        <Stack gap="xs">
          <Text fw={700} size="lg">
            {rate
              ? t('caseFigures.rateValue', { rate, cleared: formatNumber(data.cases.cleared), total: formatNumber(data.cases.total) })
              : t('caseFigures.rateNone')}
          </Text>
          <div className="figures-definition">
            <Text size="sm" fw={700} component="span">
              {t('caseFigures.definitionLabel')}:{' '}
            </Text>
            <Text size="sm" component="span">
              {definition}
            </Text>
          </div>
          {data.cases.closedNoCrime > 0 ? (
            <Text size="sm" c="dimmed">
              {t('caseFigures.closedNoCrime', { count: formatNumber(data.cases.closedNoCrime) })}
            </Text>
          ) : null}
        </Stack>
      </Section>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section id="figures-cases" title={t('caseFigures.casesTitle')}>
            <DataTable caption={t('caseFigures.casesCaption', { period })} minWidth={0} label={t('caseFigures.casesTitle')} isCompact>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('caseFigures.group')}</Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('caseFigures.cases')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('caseFigures.cleared')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('caseFigures.rate')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CASE_GROUPS.map((group) => {
                  const figures = data.cases.clearanceByGroup[group];
                  return (
                    <Table.Tr key={group}>
                      <Table.Th scope="row" fw={400}>
                        {t(`cases.groups.${group}`)}
                      </Table.Th>
                      <Table.Td className="num">{formatNumber(data.cases.byGroup[group])}</Table.Td>
                      <Table.Td className="num">{formatNumber(figures.cleared)}</Table.Td>
                      <Table.Td className="num">{formatRate(figures.clearanceRate, locale) ?? dash}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('caseFigures.total')}</Table.Th>
                  <Table.Td className="num" fw={700}>
                    {formatNumber(data.cases.total)}
                  </Table.Td>
                  <Table.Td className="num" fw={700}>
                    {formatNumber(data.cases.cleared)}
                  </Table.Td>
                  <Table.Td className="num" fw={700}>
                    {rate ?? dash}
                  </Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </DataTable>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Section id="figures-seizures" title={t('caseFigures.seizuresTitle')}>
              {data.seizures.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('caseFigures.seizuresEmpty')}
                </Text>
              ) : (
                <DataTable
                  caption={t('caseFigures.seizuresCaption', { period })}
                  minWidth={0}
                  label={t('caseFigures.seizuresTitle')}
                  isCompact
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('caseFigures.kind')}</Table.Th>
                      <Table.Th scope="col" className="num">
                        {t('caseFigures.quantity')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.seizures.map((total, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: items in an unnamed unit are listed one by one (same kind and unit); the list is rebuilt whole.
                      <Table.Tr key={`${total.kind}-${total.unit}-${index}`}>
                        <Table.Th scope="row" fw={400}>
                          {t(`cases.seizureKinds.${total.kind}`)}
                        </Table.Th>
                        <Table.Td className="num">{formatQuantity(total, locale)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </DataTable>
              )}
            </Section>
            <Section id="figures-rehab" title={t('caseFigures.rehabTitle')}>
              <DataTable caption={t('caseFigures.rehabCaption', { period })} minWidth={0} label={t('caseFigures.rehabTitle')} isCompact>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('caseFigures.rehabStep')}</Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('caseFigures.rehabCount')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(['opened', 'sentToCourt', 'accepted', 'rejected', 'carriedOut'] as const).map((step) => (
                    <Table.Tr key={step}>
                      <Table.Th scope="row" fw={400}>
                        {t(`caseFigures.rehab.${step}`)}
                      </Table.Th>
                      <Table.Td className="num">{countText(data.rehab[step])}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
              {data.suppressed.length > 0 ? (
                <Text size="sm" c="dimmed" mt="xs">
                  {t('caseFigures.suppressedNote')}
                </Text>
              ) : null}
            </Section>
            <Section id="figures-tips" title={t('caseFigures.tipsTitle')}>
              <DataTable caption={t('caseFigures.tipsCaption', { period })} minWidth={0} label={t('caseFigures.tipsTitle')} isCompact>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('caseFigures.tipsMeasure')}</Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('caseFigures.tipsCount')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(['received', 'transferred', 'transferredOnTime'] as const).map((measure) => (
                    <Table.Tr key={measure}>
                      <Table.Th scope="row" fw={400}>
                        {t(`caseFigures.tips.${measure}`)}
                      </Table.Th>
                      <Table.Td className="num">{formatNumber(data.tips[measure])}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The figures of a unit over a period, for everyone allowed to read reports (counts only, never people). */
export function CaseFiguresPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const me = useMe();
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];
  const today = todayInVietnam();

  const unitOptions = useMemo(() => figureUnitOptions(units, t), [units, t]);
  const ownUnit = units.find((unit) => unit.id === me.unit.id);
  const defaultUnitKey = ownUnit && unitOptions.length ? unitReportKey(ownUnit, units) : unitOptions[0]?.value;
  const unitKey = search.unit ?? defaultUnitKey;
  const isUnitKnown = unitKey !== undefined && (units.length === 0 || findUnitByReportKey(units, unitKey) !== undefined);
  const preset: PeriodPreset = search.period ?? DEFAULT_PERIOD_PRESET;
  const year = readYear(search.year) ?? Number(today.slice(0, 4));
  const period = resolvePeriod(search, today);
  const yearOptions = [...new Set([...periodYears(today), year])].sort((a, b) => b - a).map((value) => String(value));
  const params = unitKey && period ? { unit: unitKey, from: period.from, to: period.to } : null;
  const query = useReportSummary(params);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isInverted = Boolean(preset === 'custom' && search.from && search.to && search.from > search.to);

  const renderBody = () => {
    if (unitsQuery.isError) return <ErrorAlert error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
    if (!unitKey || !isUnitKnown) {
      return unitsQuery.isPending ? <LoadingState /> : <Alert color="orange">{t('caseFigures.chooseUnit')}</Alert>;
    }
    if (!period) return isInverted ? null : <Alert color="brand">{t('caseFigures.customIncomplete')}</Alert>;
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    return (
      <div aria-busy={query.isFetching || undefined}>
        <Figures data={query.data} />
      </div>
    );
  };

  return (
    <>
      <PageHeader title={t('caseFigures.title')} description={t('caseFigures.description')} />
      <Stack gap="md">
        <Paper withBorder p="sm" component="section" aria-label={t('caseFigures.choose')}>
          <Group gap="md" align="flex-start" wrap="wrap">
            <Select
              label={t('caseFigures.unit')}
              description={t('caseFigures.unitHint')}
              data={unitOptions}
              value={unitKey ?? null}
              onChange={(value) => updateSearch({ unit: value ?? undefined })}
              allowDeselect={false}
              searchable
              nothingFoundMessage={t('common.noMatches')}
              filter={({ options, search: text }) =>
                (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, text))
              }
              maxDropdownHeight={320}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: '2 1 16rem' }}
            />
            <Radio.Group
              label={t('caseFigures.period')}
              value={preset}
              onChange={(value) => {
                const next = value as PeriodPreset;
                if (next === 'custom') {
                  // Start the custom period from what was shown, so that only one bound needs changing.
                  const shown = period ?? resolvePeriod({ period: preset, year: String(year) }, today);
                  updateSearch({ period: next, from: search.from ?? shown?.from, to: search.to ?? shown?.to });
                } else updateSearch({ period: next === DEFAULT_PERIOD_PRESET ? undefined : next, from: undefined, to: undefined });
              }}
              style={{ flex: '2 1 16rem' }}
            >
              <Group gap="md" mt={8} wrap="wrap">
                {PERIOD_PRESETS.map((value) => (
                  <Radio key={value} value={value} label={t(`caseFigures.presets.${value}`)} />
                ))}
              </Group>
            </Radio.Group>
            {preset === 'custom' ? (
              <>
                <FilterDateInput
                  label={t('caseFigures.from')}
                  value={search.from}
                  onCommit={(from) => updateSearch({ from })}
                  formatError={t('caseFigures.dateFormat')}
                  style={{ flex: '1 1 9rem' }}
                />
                <FilterDateInput
                  label={t('caseFigures.to')}
                  value={search.to}
                  onCommit={(to) => updateSearch({ to })}
                  formatError={t('caseFigures.dateFormat')}
                  error={isInverted ? t('cases.periodInverted') : null}
                  style={{ flex: '1 1 9rem' }}
                />
              </>
            ) : (
              <Select
                label={t('caseFigures.year')}
                data={yearOptions}
                value={String(year)}
                onChange={(value) => updateSearch({ year: value && value !== today.slice(0, 4) ? value : undefined })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                style={{ flex: '1 1 7rem' }}
                maw="10rem"
              />
            )}
          </Group>
        </Paper>
        <div>{renderBody()}</div>
      </Stack>
    </>
  );
}
