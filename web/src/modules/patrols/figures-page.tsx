import { INCIDENT_HANDLINGS, INCIDENT_TYPES, RESIDENCE_FINDINGS } from '@binh-an/domain';
import { Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { FilterSelect, foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useMe } from '../auth/hooks.ts';
import { figureUnitOptions, findUnitByReportKey, unitReportKey } from '../cases/case-units.ts';
import { formatRate } from '../cases/period.ts';
import { useAllUnits } from '../units/api.ts';
import { fetchTeams, figuresQueryOptions, type PatrolFigures, patrolsQueryKey } from './api.ts';
import './patrols.css';

const routeApi = getRouteApi('/signed-in/patrols/figures');

export type FiguresSearch = { unit?: string; from?: string; to?: string; teamId?: string };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A two-column table of counts by key. */
function CountTable({ caption, label, rows, head }: { caption: string; label: string; head: [string, string]; rows: [string, number][] }) {
  return (
    <DataTable caption={caption} minWidth={0} label={label} isCompact>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{head[0]}</Table.Th>
          <Table.Th scope="col" className="num">
            {head[1]}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" fw={400}>
              {name}
            </Table.Th>
            <Table.Td className="num">{formatNumber(value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

function Figures({ data }: { data: PatrolFigures }) {
  const { t, i18n } = useTranslation();
  const period = t('patrolsPage.figures.period', { from: formatDate(data.period.from), to: formatDate(data.period.to) });
  const rate = formatRate(data.coverage.rate, i18n.language === 'en' ? 'en' : 'vi');
  const tiles: [string, string][] = [
    [t('patrolsPage.figures.rounds'), formatNumber(data.rounds)],
    [t('patrolsPage.figures.turns'), formatNumber(data.turns)],
    [t('patrolsPage.figures.officerTurns'), formatNumber(data.officerTurns)],
    [t('patrolsPage.figures.civilianTurns'), formatNumber(data.civilianTurns)],
    [t('patrolsPage.figures.hours'), formatNumber(data.hours, 1)],
    [t('patrolsPage.figures.personHours'), formatNumber(data.personHours, 1)],
    [t('patrolsPage.figures.incidents'), formatNumber(data.incidents.total)],
    [t('patrolsPage.figures.residenceChecks'), formatNumber(data.residenceChecks.total)],
  ];
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('patrolsPage.figures.heading', { unit: data.unit.name, period })}
      </Title>
      <dl className="patrol-tiles" aria-label={t('patrolsPage.figures.keyFigures')}>
        {tiles.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <Section id="figures-coverage" title={t('patrolsPage.figures.coverage')}>
        <Text fw={700}>
          {rate
            ? t('patrolsPage.figures.coverageValue', {
                covered: formatNumber(data.coverage.covered),
                blocks: formatNumber(data.coverage.blocks),
                rate,
              })
            : t('patrolsPage.figures.noBlocks')}
        </Text>
        <Text size="sm" c="dimmed" mb="xs">
          {t('patrolsPage.figures.coverageDefinition')}
        </Text>
        {data.coverage.uncovered.length > 0 ? (
          <Text size="sm">
            {t('patrolsPage.figures.uncovered')}: {data.coverage.uncovered.map((u) => u.name).join(', ')}
          </Text>
        ) : null}
      </Section>

      <Section id="figures-months" title={t('patrolsPage.figures.byMonth')}>
        <DataTable
          caption={t('patrolsPage.figures.byMonthCaption', { period })}
          minWidth={0}
          label={t('patrolsPage.figures.byMonth')}
          isCompact
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.figures.month')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.figures.rounds')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.figures.turns')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.figures.hours')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byMonth.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row" fw={400}>
                  {`${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`}
                </Table.Th>
                <Table.Td className="num">{formatNumber(m.rounds)}</Table.Td>
                <Table.Td className="num">{formatNumber(m.turns)}</Table.Td>
                <Table.Td className="num">{formatNumber(m.hours, 1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      </Section>

      <Section id="figures-teams" title={t('patrolsPage.figures.byTeam')}>
        <DataTable
          caption={t('patrolsPage.figures.byTeamCaption', { period })}
          minWidth={0}
          label={t('patrolsPage.figures.byTeam')}
          isCompact
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.rounds.team')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.figures.rounds')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.figures.turns')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.figures.hours')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byTeam.map((team) => (
              <Table.Tr key={team.teamId}>
                <Table.Th scope="row" fw={400}>
                  {team.name}
                  <Text size="xs" c="dimmed">
                    {t(`patrols.teamKinds.${team.kind}`)}
                  </Text>
                </Table.Th>
                <Table.Td className="num">{formatNumber(team.rounds)}</Table.Td>
                <Table.Td className="num">{formatNumber(team.turns)}</Table.Td>
                <Table.Td className="num">{formatNumber(team.hours, 1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      </Section>

      <Section id="figures-incidents" title={t('patrolsPage.figures.incidentsTitle')}>
        <Stack gap="md">
          <CountTable
            caption={t('patrolsPage.figures.byTypeCaption', { period })}
            label={t('patrolsPage.figures.byType')}
            head={[t('patrolsPage.record.incidentType'), t('patrolsPage.figures.count')]}
            rows={INCIDENT_TYPES.map((k) => [t(`patrols.incidentTypes.${k}`), data.incidents.byType[k]])}
          />
          <CountTable
            caption={t('patrolsPage.figures.byHandlingCaption', { period })}
            label={t('patrolsPage.figures.byHandling')}
            head={[t('patrolsPage.record.handling'), t('patrolsPage.figures.count')]}
            rows={INCIDENT_HANDLINGS.map((k) => [t(`patrols.incidentHandlings.${k}`), data.incidents.byHandling[k]])}
          />
        </Stack>
      </Section>

      <Section id="figures-residence" title={t('patrolsPage.record.residenceTitle')}>
        <Text size="sm" mb="xs">
          {t('patrolsPage.figures.residenceSummary', {
            total: formatNumber(data.residenceChecks.total),
            people: formatNumber(data.residenceChecks.peopleChecked),
            withFindings: formatNumber(data.residenceChecks.withFindings),
          })}
        </Text>
        <CountTable
          caption={t('patrolsPage.figures.findingsCaption', { period })}
          label={t('patrolsPage.record.findings')}
          head={[t('patrolsPage.record.findings'), t('patrolsPage.figures.count')]}
          rows={RESIDENCE_FINDINGS.map((k) => [t(`patrols.findings.${k}`), data.residenceChecks.byFinding[k]])}
        />
      </Section>
    </Stack>
  );
}

/** The patrol figures of a unit over a period: rounds, turns, hours, incidents by type, residence checks, block coverage, by month and team. */
export function FiguresPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const me = useMe();
  const units = useAllUnits();
  const today = todayInVietnam();
  const from = search.from ?? `${today.slice(0, 4)}-01-01`;
  const to = search.to ?? today;
  const isInverted = from > to;
  const unitOptions = useMemo(() => figureUnitOptions(units.data ?? [], t), [units.data, t]);
  const mine = units.data?.find((u) => u.id === me.unit.id);
  const fallback = mine ? unitReportKey(mine, units.data ?? []) : unitOptions[0]?.value;
  const unitKey = search.unit && findUnitByReportKey(units.data ?? [], search.unit) ? search.unit : fallback;
  const teams = useQuery({
    queryKey: [...patrolsQueryKey, 'teams', 'all-for-filter'],
    queryFn: ({ signal }) => fetchTeams({ status: 'all' }, undefined, signal, 200),
    staleTime: 5 * 60_000,
  });
  const query = useQuery({
    ...figuresQueryOptions({ unit: unitKey ?? '', from, to, ...(search.teamId ? { teamId: search.teamId } : {}) }),
    enabled: Boolean(unitKey) && !isInverted,
  });
  const updateSearch = (patch: Partial<FiguresSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <>
      <PageHeader title={t('patrolsPage.figures.title')} description={t('patrolsPage.figures.description')} />
      <Stack gap="md">
        <FilterBar>
          <Select
            label={t('patrolsPage.figures.unit')}
            data={unitOptions}
            value={unitKey ?? null}
            onChange={(unit) => unit && updateSearch({ unit })}
            searchable
            filter={foldedOptionsFilter}
            nothingFoundMessage={t('common.noMatches')}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            style={{ flex: '2 1 16rem' }}
          />
          <FilterDateInput
            label={t('patrolsPage.rounds.from')}
            value={from}
            onCommit={(day) => updateSearch({ from: day })}
            formatError={t('patrolsPage.dateInvalid')}
            style={{ flex: '1 1 9rem' }}
          />
          <FilterDateInput
            label={t('patrolsPage.rounds.to')}
            value={to}
            onCommit={(day) => updateSearch({ to: day })}
            formatError={t('patrolsPage.dateInvalid')}
            error={isInverted ? t('patrols.periodInverted') : null}
            style={{ flex: '1 1 9rem' }}
          />
          <FilterSelect
            label={t('patrolsPage.rounds.team')}
            placeholder={t('patrolsPage.rounds.allTeams')}
            data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={search.teamId}
            onChange={(teamId) => updateSearch({ teamId })}
            searchable
            flex="2 1 14rem"
          />
        </FilterBar>
        {units.isPending || (query.isPending && query.fetchStatus !== 'idle') ? <LoadingState /> : null}
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        {query.data ? <Figures data={query.data} /> : null}
        <Group>
          <Text size="sm" c="dimmed">
            {t('patrolsPage.figures.countsOnly')}
          </Text>
        </Group>
      </Stack>
    </>
  );
}
