import type { Locale, PeriodicReport, ReportDocumentFormat, ReportJob } from '@binh-an/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';

export type ReportParams = { unit: string; from: string; to: string; lang: Locale };

export const reportsQueryKey = ['reports'] as const;

/** The periodic report of a unit over a period, as shown on screen. */
export function usePeriodicReport(params: ReportParams | null) {
  return useQuery({
    queryKey: [...reportsQueryKey, 'periodic', params],
    queryFn: ({ signal }) => api.get<PeriodicReport>('/reports/periodic', { query: params as ReportParams, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** A document answered at once (its bytes), or a background job to follow. */
export type DocumentAnswer = { kind: 'file'; blob: Blob; name: string } | { kind: 'job'; job: ReportJob };

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

async function problemOf(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => ({}));
  return new ApiError(response.status, body && typeof body === 'object' ? body : {});
}

async function getRaw(url: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { Accept: '*/*', 'Accept-Language': i18n.language || 'vi' },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network', title: i18n.t('common.networkError') });
  }
}

/** Asks for the report as a document: its bytes when it is written at once, else the background job writing it. */
export async function requestReportDocument(
  params: ReportParams,
  format: ReportDocumentFormat,
  signal?: AbortSignal,
): Promise<DocumentAnswer> {
  const query = new URLSearchParams({ ...params, format });
  const response = await getRaw(`/api/v1/reports/periodic?${query}`, signal);
  if (!response.ok) throw await problemOf(response);
  if (response.status === 202) return { kind: 'job', job: (await response.json()) as ReportJob };
  return { kind: 'file', blob: await response.blob(), name: fileNameOf(response, `bao-cao.${format}`) };
}

/** How far a background report has come. */
export function fetchReportJob(id: string, signal?: AbortSignal): Promise<ReportJob> {
  return api.get<ReportJob>(`/reports/jobs/${id}`, { signal });
}

/** The document a finished background job wrote. */
export async function downloadJobDocument(job: ReportJob, signal?: AbortSignal): Promise<{ blob: Blob; name: string }> {
  const response = await getRaw(job.downloadUrl ?? `/api/v1/reports/jobs/${job.id}/download`, signal);
  if (!response.ok) throw await problemOf(response);
  return { blob: await response.blob(), name: fileNameOf(response, job.fileName ?? `bao-cao.${job.format}`) };
}

/** Hands a file to the browser's downloads without leaving the page. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
