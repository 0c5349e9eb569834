import { blindPoints, type DashboardMap } from '@binh-an/domain';
import { Alert, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Component, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { formatNumber, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { camerasQueryKey, fetchCameraMap } from './api.ts';
import { CAMERA_COLOURS } from './camera-colours.ts';
import { CamerasNav } from './cameras-page.tsx';
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

const RECENT_DAYS = 90;
const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** "Bản đồ camera": fields of view, coverage by block, and the recent incidents no camera sees (where the next camera helps). */
export function CameraMapPage() {
  const { t } = useTranslation();
  const canReport = useCan()('report.read');
  const query = useQuery({ queryKey: [...camerasQueryKey, 'map'], queryFn: ({ signal }) => fetchCameraMap(signal) });
  const wardCode = query.data?.ward?.code ?? null;
  const today = todayInVietnam();
  const incidents = useQuery({
    queryKey: [...camerasQueryKey, 'incidents', wardCode, today],
    queryFn: ({ signal }) =>
      api.get<DashboardMap>('/reports/map', {
        query: { unit: wardCode as string, from: minusDays(today, RECENT_DAYS), to: today },
        signal,
      }),
    enabled: canReport && wardCode !== null,
  });
  const blind = useMemo(() => {
    if (!query.data || !incidents.data) return [];
    const working = query.data.cameras.filter((c) => c.working);
    const points = incidents.data.points.filter((p) => p.kind === 'incident' && p.precision === 'exact');
    return blindPoints(points, working, 0).map((p) => ({
      lat: p.lat,
      lng: p.lng,
      label: t('mapPage.pointIncident', { place: t('mapPage.recordedPlace'), n: formatNumber(p.count) }),
    }));
  }, [query.data, incidents.data, t]);
  const blocks = useMemo(
    () => [...(query.data?.blocks ?? [])].sort((a, b) => a.working - b.working || a.name.localeCompare(b.name, 'vi')),
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
              ] as const
            ).map(([k, label]) => (
              <Text key={k} size="sm">
                <span className="camera-legend-swatch" style={{ background: CAMERA_COLOURS[k] }} />
                {t(`camerasPage.map.${label}`, { days: RECENT_DAYS })}
              </Text>
            ))}
          </Group>
          {incidents.data ? (
            <Text size="sm">{t('camerasPage.map.blindCount', { n: formatNumber(blind.length), days: RECENT_DAYS })}</Text>
          ) : null}
          <MapBoundary fallback={<Alert color="orange">{t('camerasPage.map.failed')}</Alert>}>
            <Suspense fallback={<LoadingState label={t('camerasPage.map.loading')} />}>
              <CameraMapView data={query.data} blind={blind} />
            </Suspense>
          </MapBoundary>
          <DataTable caption={t('camerasPage.map.coverage')} minWidth={480} isCompact>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('camerasPage.map.block')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.cameras')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.workingCount')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.map.planning')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {blocks.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Th scope="row">{b.name}</Table.Th>
                  <Table.Td>{formatNumber(b.cameras)}</Table.Td>
                  <Table.Td>{formatNumber(b.working)}</Table.Td>
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
