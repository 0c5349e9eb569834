import type {
  CaseGroup,
  CasePersonInput,
  CaseSort,
  CaseStatus,
  CaseType,
  CaseTypeEntry,
  CreateCaseInput,
  CreateCaseTypeInput,
  caseSchema,
  caseSummarySchema,
  ReportSummary,
  SeizureInput,
  UpdateCaseInput,
  UpdateCaseTypeInput,
} from '@binh-an/domain';
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';
import type { TipSummary } from '../tips/api.ts';

export type CaseSummary = z.infer<typeof caseSummarySchema>;
/**
 * A case as read back. `tips` / `tipIds` (the tips linked to the case) are read when the server sends them; the
 * response schema does not carry them yet.
 */
export type CaseDetail = z.infer<typeof caseSchema> & {
  tips?: { id: string; number: string; receivedOn?: string; unitName?: string }[];
  tipIds?: string[];
};
export type CasePerson = CaseDetail['persons'][number];
export type CaseSeizure = CaseDetail['seizures'][number];

export type CaseFilters = {
  q?: string;
  group?: CaseGroup;
  type?: CaseType;
  status?: CaseStatus;
  unitId?: string;
  from?: string;
  to?: string;
  sort?: CaseSort;
  dir?: 'asc' | 'desc';
};
export type CasePage = { items: CaseSummary[]; nextCursor: string | null };

export const casesQueryKey = ['cases'] as const;
export const CASES_PAGE_SIZE = 50;

const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

/** One page of the register for the filters, most recently discovered first. */
export function fetchCases(filters: CaseFilters, cursor?: string, limit = CASES_PAGE_SIZE, signal?: AbortSignal): Promise<CasePage> {
  return api.get<CasePage>('/cases', { query: { ...filters, cursor, limit }, signal });
}

/** One case with its people (ID numbers masked) and seized items; the server records the read. */
export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return api.get<CaseDetail>(casePath(id), { signal });
}

/** The query of one case; kept a while so that moving around the page does not read (and log) it again. */
export function caseQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...casesQueryKey, 'detail', id],
    queryFn: ({ signal }) => fetchCase(id, signal),
    staleTime: 60_000,
  });
}

export function createCase(body: CreateCaseInput): Promise<CaseDetail> {
  return api.post<CaseDetail>('/cases', body);
}

/** Corrects a case's facts (the status moves through `moveCase`). */
export function updateCase(id: string, body: UpdateCaseInput): Promise<CaseDetail> {
  return api.patch<CaseDetail>(casePath(id), body);
}

export const caseTypesQueryKey = ['case-types'] as const;

/** The case-type catalogue (retired types included); it changes rarely. */
export function useCaseTypes() {
  return useQuery({
    queryKey: caseTypesQueryKey,
    queryFn: ({ signal }) => api.get<{ items: CaseTypeEntry[] }>('/case-types', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** A function giving a type's name in the language on screen, from the catalogue (the code until it has loaded). */
export function useCaseTypeName(): (code: string | null | undefined) => string {
  const { data } = useCaseTypes();
  const isEnglish = i18n.language === 'en';
  return (code) => {
    if (!code) return '';
    const entry = data?.find((item) => item.code === code);
    return entry ? (isEnglish ? entry.labelEn : entry.labelVi) : code;
  };
}

export function createCaseType(body: CreateCaseTypeInput): Promise<CaseTypeEntry> {
  return api.post<CaseTypeEntry>('/case-types', body);
}

export function updateCaseType(code: string, body: UpdateCaseTypeInput): Promise<CaseTypeEntry & { movedCases: number }> {
  return api.patch<CaseTypeEntry & { movedCases: number }>(`/case-types/${encodeURIComponent(code)}`, body);
}

/** Moves a case to another status; a refused move answers 409 `caseState` with the reason as its first error. */
export function moveCase(id: string, to: CaseStatus): Promise<CaseDetail> {
  return api.post<CaseDetail>(`${casePath(id)}/move`, { to });
}

export function addCasePerson(id: string, body: CasePersonInput): Promise<CaseDetail> {
  return api.post<CaseDetail>(`${casePath(id)}/people`, body);
}

export function addCaseSeizure(id: string, body: SeizureInput): Promise<CaseDetail> {
  return api.post<CaseDetail>(`${casePath(id)}/seizures`, body);
}

export function linkCaseTip(id: string, tipId: string): Promise<CaseDetail> {
  return api.post<CaseDetail>(`${casePath(id)}/tips`, { tipId });
}

/** The reason of a refused status move (`errors[0].message`, already translated), or the problem's own words. */
export function moveRefusalMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError) return error.fieldErrors[0]?.message ?? error.detail ?? error.title;
  return i18n.t('common.unexpectedError');
}

/** After a change: the answer becomes the cached case (no second, logged read) and the register refreshes. */
export function useApplyCaseChange() {
  const queryClient = useQueryClient();
  return async (updated: CaseDetail) => {
    queryClient.setQueryData(caseQueryOptions(updated.id).queryKey, updated);
    await queryClient.invalidateQueries({ queryKey: [...casesQueryKey, 'list'] });
  };
}

function queryString(filters: CaseFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The Excel export of every case matching the filters (the server builds the file). */
export function casesExportUrl(filters: CaseFilters): string {
  return `/api/v1/cases/export.xlsx${queryString(filters)}`;
}

/** The Excel template of the import. */
export const CASE_IMPORT_TEMPLATE_URL = '/api/v1/cases/import/template.xlsx';

/** A problem of a row: the column (a key of `value`, or `unit`), its header as written in the file, a translated message. */
export type ImportRowError = { column: string; header?: string; message: string };
export type ImportRow = {
  line: number;
  ok: boolean;
  duplicate: boolean;
  errors: ImportRowError[];
  value: Partial<{
    number: string | null;
    occurredOn: string | null;
    discoveredOn: string | null;
    unitName: string | null;
    type: string | null;
    status: string | null;
    summary: string | null;
  }> | null;
};
/** `ok` counts the rows that would be written (duplicates apart); `duplicates` the sound rows that would be skipped. */
export type ImportPreview = { rows: ImportRow[]; totals: { rows: number; ok: number; errors: number; duplicates: number } };
export type ImportResult = { imported: number; skippedDuplicates: number };

const NDJSON = 'application/x-ndjson';

/** The JSON lines complete so far in a streamed answer. */
function jsonLines(text: string): Record<string, unknown>[] {
  const lines = text.split('\n');
  lines.pop(); // the last piece is a line still arriving (or empty)
  return lines.filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Sends a multipart form like every write (CSRF header, UI language, the browser's own multipart boundary), reporting
 * the share of the upload done, so that a large workbook shows its progress. With `onRows`, the server is asked to
 * stream its own progress as JSON lines ({total}, {done,total}, then {result} or {problem}).
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
  onRows?: (done: number, total: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', `${onRows ? `${NDJSON}, ` : ''}application/json, application/problem+json`);
    xhr.setRequestHeader('Accept-Language', i18n.language || 'vi');
    xhr.setRequestHeader('X-Binh-An-Csrf', '1');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', title: i18n.t('common.networkError') }));
    if (onRows) {
      xhr.onprogress = () => {
        if (!(xhr.getResponseHeader('content-type') ?? '').includes(NDJSON)) return;
        const last = jsonLines(xhr.responseText).at(-1);
        if (last && typeof last.total === 'number') onRows(typeof last.done === 'number' ? last.done : 0, last.total);
      };
    }
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      if (type.includes(NDJSON)) {
        const lines = jsonLines(`${xhr.responseText}\n`);
        const end = lines.find((line) => 'result' in line || 'problem' in line);
        if (end && 'result' in end) resolve(end.result as T);
        else {
          const problem = (end?.problem ?? { code: 'internal', title: i18n.t('errors.internal') }) as ConstructorParameters<
            typeof ApiError
          >[1] & {
            status?: number;
          };
          reject(new ApiError(problem.status ?? 500, problem));
        }
        return;
      }
      let payload: unknown = null;
      if (type.includes('json')) {
        try {
          payload = JSON.parse(xhr.responseText);
        } catch {
          payload = null;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as T);
        return;
      }
      const body =
        payload && typeof payload === 'object'
          ? (payload as ConstructorParameters<typeof ApiError>[1])
          : {
              code: xhr.status >= 500 ? 'internal' : 'badRequest',
              title: i18n.t(xhr.status >= 500 ? 'errors.internal' : 'errors.badRequest'),
            };
      // A lost session: a plain API call lets the shared client send the user to the login page.
      if (xhr.status === 401) void api.get('/auth/me').catch(() => undefined);
      reject(new ApiError(xhr.status, body));
    };
    xhr.send(form);
  });
}

function workbookForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** Checks a filled-in template row by row without saving anything. */
export function previewCaseImport(file: File, onProgress?: (fraction: number) => void): Promise<ImportPreview> {
  return uploadWithProgress<ImportPreview>('/cases/import/preview', workbookForm(file), onProgress);
}

/** Imports the workbook, reporting the rows written; refused as a whole (422) when any row has an error. */
export function importCases(
  file: File,
  onProgress?: (fraction: number) => void,
  onRows?: (done: number, total: number) => void,
): Promise<ImportResult> {
  return uploadWithProgress<ImportResult>('/cases/import', workbookForm(file), onProgress, onRows);
}

/** The figures of a unit (by code or id) and its sub-units over a period. */
export function fetchReportSummary(params: { unit: string; from: string; to: string }, signal?: AbortSignal): Promise<ReportSummary> {
  return api.get<ReportSummary>('/reports/summary', { query: params, signal });
}

export function useReportSummary(params: { unit: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: [...casesQueryKey, 'summary', params],
    queryFn: ({ signal }) => fetchReportSummary(params as { unit: string; from: string; to: string }, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

export type TipOption = Pick<TipSummary, 'id' | 'number' | 'unitName' | 'receivedOn' | 'status'>;

/** Tips of every state matching what was typed (number or unit), for linking to a case. */
export function useTipOptions(q: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...casesQueryKey, 'tip-options', q],
    queryFn: ({ signal }) => api.get<{ items: TipOption[] }>('/tips', { query: { view: 'all', q: q || undefined, limit: 20 }, signal }),
    select: (page): TipOption[] => page.items,
    enabled: isEnabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** The register's filters as the address holds them (`caseType` for the API's `type`). */
export type RegisterSearch = Omit<CaseFilters, 'type'> & { caseType?: CaseType };

let rememberedRegisterSearch: RegisterSearch = {};

/** Keeps the register's filters for this visit, so "back to the register" returns to the same place. */
export function rememberRegisterSearch(filters: CaseFilters): void {
  const { type, ...rest } = filters;
  rememberedRegisterSearch = { ...rest, caseType: type };
}

export function lastRegisterSearch(): RegisterSearch {
  return rememberedRegisterSearch;
}
