import type {
  InspectionInput,
  InspectionView,
  NotificationInput,
  NotificationView,
  PlaceInput,
  PlaceView,
  ResidentInput,
  ResidentUpdate,
  ResidentView,
  RetentionRecordType,
} from '@binh-an/domain';
import { ApiError, api } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';

export type Page<T> = { total: number; items: T[] };
export const residenceQueryKey = ['residence'] as const;
export const PAGE_SIZE = 50;

type Query = Record<string, string | number | boolean | undefined>;

export const fetchPlaces = (query: Query, signal?: AbortSignal) => api.get<Page<PlaceView>>('/residence/places', { query, signal });
export const fetchPlace = (id: string, signal?: AbortSignal) =>
  api.get<PlaceView>(`/residence/places/${encodeURIComponent(id)}`, { signal });
export const createPlace = (body: PlaceInput) => api.post<PlaceView>('/residence/places', body);
export const updatePlace = (id: string, body: Partial<PlaceInput> & { active?: boolean }) =>
  api.patch<PlaceView>(`/residence/places/${encodeURIComponent(id)}`, body);
export const fetchNotifications = (query: Query, signal?: AbortSignal) =>
  api.get<Page<NotificationView>>('/residence/notifications', { query, signal });
export const createNotification = (body: NotificationInput) => api.post<NotificationView>('/residence/notifications', body);
export const fetchResidents = (query: Query, signal?: AbortSignal) =>
  api.get<Page<ResidentView>>('/residence/residents', { query, signal });
export const createResident = (body: ResidentInput) => api.post<ResidentView>('/residence/residents', body);
export const updateResident = (id: string, body: ResidentUpdate) =>
  api.patch<ResidentView>(`/residence/residents/${encodeURIComponent(id)}`, body);
export const fetchInspections = (query: Query, signal?: AbortSignal) =>
  api.get<Page<InspectionView>>('/residence/inspections', { query, signal });
export const createInspection = (body: InspectionInput) => api.post<InspectionView>('/residence/inspections', body);
export const updateInspection = (id: string, body: Partial<InspectionInput> & { status?: 'planned' | 'done' | 'cancelled' }) =>
  api.patch<InspectionView>(`/residence/inspections/${encodeURIComponent(id)}`, body);
export type RoundChoice = { id: string; teamName: string; unitName: string; routeName: string | null; startedAt: string; endedAt: string };
export const fetchRoundChoices = (on: string, signal?: AbortSignal) =>
  api.get<RoundChoice[]>('/residence/patrol-rounds', { query: { on }, signal });
export const revealIdNumber = (kind: 'guest' | 'resident', id: string) =>
  api.get<{ idNumber: string | null }>(`/residence/${kind === 'guest' ? 'guests' : 'residents'}/${encodeURIComponent(id)}/id-number`);

export type Retention = { days: Record<RetentionRecordType, number>; defaults: Record<RetentionRecordType, number> };
export const fetchRetention = (signal?: AbortSignal) => api.get<Retention>('/residence/retention', { signal });
export const saveRetention = (days: Record<RetentionRecordType, number>) => api.put<Retention>('/residence/retention', { days });

function exportUrl(list: 'places' | 'notifications' | 'residents', query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1/residence/${list}/export.xlsx${qs ? `?${qs}` : ''}`;
}
export const placesExportUrl = (query: Query) => exportUrl('places', query);
export const notificationsExportUrl = (query: Query) => exportUrl('notifications', query);
export const residentsExportUrl = (query: Query) => exportUrl('residents', query);
export const IMPORT_TEMPLATE_URL = '/api/v1/residence/import/template.xlsx';

export type ImportPreview = {
  rows: { sheet: 'places' | 'residents'; line: number; label: string; errors: { column: string; message: string }[]; duplicate: boolean }[];
  totals: { rows: number; ok: number; errors: number; duplicates: number };
};
export type ImportResult = { places: number; residents: number; skippedDuplicates: number };

function workbookForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}

async function problemOf(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => null);
  return new ApiError(response.status, body ?? { code: 'internal', title: i18n.t('errors.internal') });
}

export async function previewImport(file: File): Promise<ImportPreview> {
  const response = await fetch('/api/v1/residence/import/preview', {
    method: 'POST',
    body: workbookForm(file),
    credentials: 'same-origin',
    headers: { 'X-Binh-An-Csrf': '1', 'Accept-Language': i18n.language || 'vi' },
  });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/** Imports a workbook, reading the streamed progress lines ({"total"}, {"done","total"}, then {"result"} or {"problem"}). */
export async function importWorkbook(file: File, onProgress: (done: number, total: number) => void): Promise<ImportResult> {
  const response = await fetch('/api/v1/residence/import', {
    method: 'POST',
    body: workbookForm(file),
    credentials: 'same-origin',
    headers: { 'X-Binh-An-Csrf': '1', Accept: 'application/x-ndjson', 'Accept-Language': i18n.language || 'vi' },
  });
  if (!response.ok || !response.body) throw await problemOf(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const msg = JSON.parse(line) as { total?: number; done?: number; result?: ImportResult; problem?: { status: number } };
      if (msg.result) return msg.result;
      if (msg.problem) throw new ApiError(msg.problem.status, msg.problem as never);
      if (msg.total !== undefined) total = msg.total;
      if (msg.done !== undefined) onProgress(msg.done, total);
    }
    if (done) break;
  }
  throw new ApiError(500, { code: 'internal', title: i18n.t('errors.internal') });
}
