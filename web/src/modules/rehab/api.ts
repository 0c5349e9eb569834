import type {
  CreateRehabDossierInput,
  RehabAttachmentKind,
  RehabDossierStatus,
  RehabSort,
  RehabSortDirection,
  rehabDossierSchema,
  Unit,
} from '@binh-an/domain';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';
import { requestApiForm } from '../tips/api.ts';

export type RehabDossier = z.infer<typeof rehabDossierSchema>;
/** The list's search, filters and order, as kept in the address and sent to the API (the same names). */
export type RehabFilters = {
  /** Words of the person's name (with or without diacritics) or of the dossier number. */
  q?: string;
  status?: RehabDossierStatus;
  /** Bounds on the day found, yyyy-mm-dd, inclusive. */
  from?: string;
  to?: string;
  sort?: RehabSort;
  dir?: RehabSortDirection;
};
export type RehabPage = { items: RehabDossier[]; nextCursor: string | null };

/** A step as sent to the API: the day it happened, the court when sending, the decision as received. */
export type RehabMoveInput = {
  to: RehabDossierStatus;
  on: string;
  court?: string;
  decision?: { number: string; date: string; outcome: 'accepted' | 'rejected' };
};

export const rehabQueryKey = ['rehab-dossiers'] as const;
export const REHAB_PAGE_SIZE = 50;

const dossierPath = (id: string) => `/rehab-dossiers/${encodeURIComponent(id)}`;

/** One page of dossiers for the filters. */
export function fetchRehabDossiers(filters: RehabFilters, cursor?: string, signal?: AbortSignal): Promise<RehabPage> {
  return api.get<RehabPage>('/rehab-dossiers', { query: { ...filters, cursor, limit: REHAB_PAGE_SIZE }, signal });
}

/**
 * The file of every dossier matching the filters, in the list's order (the server builds it, at most 10 000 rows, and
 * records the export); opened by a plain link so that the browser downloads it.
 */
export function rehabExportUrl(filters: RehabFilters, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  const text = params.toString();
  return `/api/v1/rehab-dossiers/export.${format}${text ? `?${text}` : ''}`;
}

/** One dossier (ID number masked); the server records the read. */
export function fetchRehabDossier(id: string, signal?: AbortSignal): Promise<RehabDossier> {
  return api.get<RehabDossier>(dossierPath(id), { signal });
}

/** The query of one dossier; kept a while so that moving around the page does not read (and log) it again. */
export function rehabDossierQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...rehabQueryKey, 'detail', id],
    queryFn: ({ signal }) => fetchRehabDossier(id, signal),
    staleTime: 60_000,
  });
}

export function createRehabDossier(body: CreateRehabDossierInput): Promise<RehabDossier> {
  return api.post<RehabDossier>('/rehab-dossiers', body);
}

/** Moves a dossier one step; a refused step answers 409 `caseState` with the reason as its first error. */
export function moveRehabDossier(id: string, body: RehabMoveInput): Promise<RehabDossier> {
  return api.post<RehabDossier>(`${dossierPath(id)}/move`, body);
}

/** Files one document of a kind with the dossier. */
export function uploadRehabAttachment(id: string, kind: RehabAttachmentKind, file: File): Promise<RehabDossier> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return requestApiForm<RehabDossier>(`${dossierPath(id)}/attachments`, form);
}

export function rehabAttachmentUrl(id: string, attachmentId: string): string {
  return `/api/v1${dossierPath(id)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** The reason of a refused step (`errors[0].message`, already translated), or the problem's own words. */
export function refusalMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError) return error.fieldErrors[0]?.message ?? error.detail ?? error.title;
  return i18n.t('common.unexpectedError');
}

/** After a change: the answer becomes the cached dossier (no second, logged read) and the list refreshes. */
export function useApplyRehabChange() {
  const queryClient = useQueryClient();
  return async (updated: RehabDossier) => {
    queryClient.setQueryData(rehabDossierQueryOptions(updated.id).queryKey, updated);
    await queryClient.invalidateQueries({ queryKey: [...rehabQueryKey, 'list'] });
  };
}

/**
 * The units a dossier may be opened in: the signed-in user's ward and its current blocks, the ward first. The ward is
 * the user's own unit when it is a ward-level unit, else the ward of the user's block.
 */
export function rehabUnitChoices(units: readonly Unit[], myUnitId: string): Unit[] {
  const mine = units.find((unit) => unit.id === myUnitId);
  if (!mine) return [];
  const wardId = ['ward', 'commune', 'special_zone'].includes(mine.type) ? mine.id : mine.wardId;
  if (!wardId) return [];
  const ward = units.filter((unit) => unit.id === wardId && unit.isActive);
  const blocks = units
    .filter((unit) => unit.type === 'block' && unit.wardId === wardId && unit.isActive)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return [...ward, ...blocks];
}

let rememberedListSearch: RehabFilters = {};

/** Keeps the list's filter for this visit, so "back to the list" returns to the same place. */
export function rememberRehabSearch(filters: RehabFilters): void {
  rememberedListSearch = { ...filters };
}

export function lastRehabSearch(): RehabFilters {
  return rememberedListSearch;
}
