import { Alert, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Component, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { camerasQueryKey, fetchCameraMap } from './api.ts';
import { CAMERA_COLOURS } from './camera-colours.ts';
import { CamerasNav } from './cameras-nav.tsx';
import './cameras.css';

/** Leaflet loads with this screen only. */
const CameraMapView = lazy(() => import('./camera-map.tsx'));

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { hasFailed: boolean }> {
  state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}

const percent = (share: number) => `${formatNumber(share * 100, 1)} %`;
const position = (lat: number, lng: number) => `${formatNumber(lat, 5)}; ${formatNumber(lng, 5)}`;

/**
 * "Bản đồ camera": fields of view, coverage by block (the share of each block's area in view), the recent incidents no
 * camera sees, and the planning view: the places and blocks where the next camera would help most, ranked.
 */
export function CameraMapPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...camerasQueryKey, 'map'], queryFn: ({ signal }) => fetchCameraMap(signal) });
  const planning = query.data?.planning;
  const days = planning?.days ?? 90;
  const blind = useMemo(
    () =>
      (planning?.points ?? [])
        .filter((p) => !p.covered)
        .map((p) => ({ lat: p.lat, lng: p.lng, label: t('camerasPage.map.legendBlind', { days }) })),
    [planning, days, t],
  );
  const sites = useMemo(
    () =>
      (planning?.sites ?? []).map((s) => ({
        lat: s.lat,
        lng: s.lng,
        rank: s.rank,
        label: t('camerasPage.map.siteLabel', { rank: s.rank, n: formatNumber(s.incidents) }),
      })),
    [planning, t],
  );
  const highlighted = useMemo(() => {
    const top = new Set((planning?.blocks ?? []).slice(0, 3).map((b) => b.id));
    return (query.data?.blocks ?? []).filter((b) => top.has(b.id) && b.boundary).map((b) => ({ name: b.name, boundary: b.boundary }));
  }, [planning, query.data]);
  const blocks = useMemo(
    () =>
      [...(query.data?.blocks ?? [])].sort(
        (a, b) => (a.coverage ?? 2) - (b.coverage ?? 2) || a.working - b.working || a.name.localeCompare(b.name, 'vi'),
      ),
    [query.data],
  );

  return (
    <>
      <PageHeader title={t('camerasPage.map.title')} description={t('camerasPage.map.description')} />
      <CamerasNav current="map" />
      {query.isPending ? (
        <LoadingState label={t('camerasPage.map.loading')} />
      ) : query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          <Group gap="lg" wrap="wrap" aria-hidden>
            {(
              [
                ['ward', 'legendWard'],
                ['owner', 'legendOwner'],
                ['broken', 'legendBroken'],
                ['blind', 'legendBlind'],
                ['site', 'legendSite'],
                ['block', 'legendBlock'],
              ] as const
            ).map(([k, label]) => (
              <Text key={k} size="sm">
                <span className="camera-legend-swatch" style={{ background: CAMERA_COLOURS[k] }} />
                {t(`camerasPage.map.${label}`, { days })}
              </Text>
            ))}
          </Group>
          <Text size="sm">{t('camerasPage.map.blindCount', { n: formatNumber(blind.length), days })}</Text>
          <MapBoundary fallback={<Alert color="orange">{t('camerasPage.map.failed')}</Alert>}>
            <Suspense fallback={<LoadingState label={t('camerasPage.map.loading')} />}>
              <CameraMapView data={query.data} blind={blind} sites={sites} highlighted={highlighted} />
            </Suspense>
          </MapBoundary>
          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('camerasPage.map.sitesTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('camerasPage.map.sitesHint', { days })}
            </Text>
            {planning && planning.sites.length > 0 ? (
              <DataTable caption={t('camerasPage.map.sitesCaption')} minWidth={480} isCompact>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('camerasPage.map.rank')}</Table.Th>
                    <Table.Th scope="col">{t('camerasPage.map.block')}</Table.Th>
                    <Table.Th scope="col">{t('camerasPage.map.place')}</Table.Th>
                    <Table.Th scope="col">{t('camerasPage.map.incidents')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {planning.sites.map((s) => (
                    <Table.Tr key={s.rank} data-testid="camera-site">
                      <Table.Th scope="row">{formatNumber(s.rank)}</Table.Th>
                      <Table.Td>{s.blockName ?? t('camerasPage.map.noBlock')}</Table.Td>
                      <Table.Td>{position(s.lat, s.lng)}</Table.Td>
                      <Table.Td>{formatNumber(s.incidents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
            ) : (
              <Alert color="green">{t('camerasPage.map.sitesEmpty', { days })}</Alert>
            )}
            {planning && planning.blocks.length > 0 ? (
              <DataTable caption={t('camerasPage.map.blocksCaption')} minWidth={360} isCompact>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('camerasPage.map.rank')}</Table.Th>
                    <Table.Th scope="col">{t('camerasPage.map.block')}</Table.Th>
                    <Table.Th scope="col">{t('camerasPage.map.incidents')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {planning.blocks.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Th scope="row">{formatNumber(b.rank)}</Table.Th>
                      <Table.Td>{b.name}</Table.Td>
                      <Table.Td>{formatNumber(b.incidents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
            ) : null}
          </Stack>
          <DataTable caption={t('camerasPage.map.coverage')} minWidth={560} isCompact>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('camerasPage.map.block')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.cameras')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.workingCount')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.coverageShare')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.planning')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {blocks.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Th scope="row">{b.name}</Table.Th>
                  <Table.Td>{formatNumber(b.cameras)}</Table.Td>
                  <Table.Td>{formatNumber(b.working)}</Table.Td>
                  <Table.Td>{b.coverage === null ? t('camerasPage.map.coverageNone') : percent(b.coverage)}</Table.Td>
                  <Table.Td>{b.working === 0 ? t('camerasPage.map.gap') : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        </Stack>
      )}
    </>
  );
}
