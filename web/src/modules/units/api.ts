import type { Unit, UnitType } from '@binh-an/domain';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export type UnitListParams = { q?: string; type?: UnitType; includeInactive: boolean };

/** The body of "create a unit"; empty optional fields are left out. */
export type CreateUnitBody = {
  parentId: string;
  code: string;
  name: string;
  type: UnitType;
  schoolLevel?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  predecessorIds?: string[];
  contactPhone?: string | null;
  contactEmail?: string | null;
  contactAddress?: string | null;
  note?: string | null;
};

export type UpdateUnitBody = Omit<Partial<CreateUnitBody>, 'parentId' | 'type'>;

export const unitsQueryKey = ['units'] as const;

/** Units in the user's scope, flat; the server matches `q` without diacritics. */
export function fetchUnits(params: UnitListParams, signal?: AbortSignal): Promise<{ items: Unit[] }> {
  return api.get<{ items: Unit[] }>('/units', {
    query: { q: params.q, type: params.type, includeInactive: params.includeInactive ? 'true' : 'false' },
    signal,
  });
}

/** Adds a unit under a parent. */
export function createUnit(body: CreateUnitBody): Promise<Unit> {
  return api.post<Unit>('/units', body);
}

/** Changes a unit's details. */
export function updateUnit(id: string, body: UpdateUnitBody): Promise<Unit> {
  return api.patch<Unit>(`/units/${encodeURIComponent(id)}`, body);
}

/** The query for a list of units. */
export function unitsQueryOptions(params: UnitListParams) {
  return queryOptions({
    queryKey: [...unitsQueryKey, 'list', params],
    queryFn: ({ signal }) => fetchUnits(params, signal),
  });
}

/** Every unit in scope, current and historic: the base for the tree, paths and pickers. */
export function useAllUnits() {
  return useQuery({ ...unitsQueryOptions({ includeInactive: true }), select: (data) => data.items });
}

/** A filtered list from the server (search, type), only when a filter is set. */
export function useFilteredUnits(params: UnitListParams, isEnabled: boolean) {
  return useQuery({
    ...unitsQueryOptions(params),
    select: (data) => data.items,
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}
