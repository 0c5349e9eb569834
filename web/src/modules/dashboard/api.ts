import type { Dashboard, DashboardMap, RollupView, UnitGeometry } from '@binh-an/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** A unit and a period, as the dashboard, the map and the roll-up take them. */
export type DashboardParams = { unit: string; from: string; to: string };

export const dashboardQueryKey = ['dashboard'] as const;

/** The dashboard of a unit over a period. */
export function useDashboard(params: DashboardParams | null) {
  return useQuery({
    queryKey: [...dashboardQueryKey, 'main', params],
    queryFn: ({ signal }) => api.get<Dashboard>('/reports/dashboard', { query: params as DashboardParams, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** The map of a unit over a period. */
export function useDashboardMap(params: DashboardParams | null) {
  return useQuery({
    queryKey: [...dashboardQueryKey, 'map', params],
    queryFn: ({ signal }) => api.get<DashboardMap>('/reports/map', { query: params as DashboardParams, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** Every ward of a city or province side by side, with their sum. */
export function useRollup(params: DashboardParams | null) {
  return useQuery({
    queryKey: [...dashboardQueryKey, 'rollup', params],
    queryFn: ({ signal }) => api.get<RollupView>('/reports/rollup', { query: params as DashboardParams, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** A unit's place on the map (for the administrator's form). */
export function fetchUnitGeometry(unitId: string, signal?: AbortSignal): Promise<UnitGeometry> {
  return api.get<UnitGeometry>(`/units/${encodeURIComponent(unitId)}/geometry`, { signal });
}

/** Sets a unit's centroid and boundary; null clears either. */
export function saveUnitGeometry(unitId: string, body: { centroid: { lat: number; lng: number } | null; boundary: object | null }) {
  return api.put<UnitGeometry>(`/units/${encodeURIComponent(unitId)}/geometry`, body);
}
