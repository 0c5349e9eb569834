import {
  type CalendarYear,
  type Day,
  isWeekend,
  type logTipSchema,
  type TipCategory,
  type TipChannel,
  type TipClass,
  type tipClockSchema,
  type tipCloseReasonSchema,
  type tipContactSchema,
  type tipDetailSchema,
  type tipOutcomeInputSchema,
  type tipSummarySchema,
  type triageTipSchema,
} from '@binh-an/domain';
import { keepPreviousData, queryOptions, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api } from '../../lib/api.ts';
import { todayInVietnam } from '../../lib/format.ts';
import { i18n } from '../../lib/i18n.ts';
import type { TipView } from './views.ts';

type ProblemBody = ConstructorParameters<typeof ApiError>[1];

export type TipSummary = z.infer<typeof tipSummarySchema>;
export type TipDetail = z.infer<typeof tipDetailSchema>;
export type TipClock = z.infer<typeof tipClockSchema>;
export type TipContact = z.infer<typeof tipContactSchema>;
export type TipMessage = TipDetail['messages'][number];
export type TipFile = TipDetail['files'][number];
export type TipCloseReason = z.infer<typeof tipCloseReasonSchema>;

export type LogTipBody = z.input<typeof logTipSchema>;
export type TriageTipBody = z.input<typeof triageTipSchema>;
export type TipOutcomeBody = z.input<typeof tipOutcomeInputSchema>;

export { DEFAULT_TIP_VIEW, TIP_VIEWS, type TipView } from './views.ts';

export type TipCounts = { new: number; overdue: number; mine: number; open: number };
export type TipFilters = { q?: string; category?: TipCategory; classification?: TipClass; unitId?: string; channel?: TipChannel };
export type TipPage = { items: TipSummary[]; nextCursor: string | null; counts: TipCounts };
export type TipAssignee = { id: string; name: string };

export const tipsQueryKey = ['tips'] as const;
export const TIPS_PAGE_SIZE = 50;

const tipPath = (id: string) => `/tips/${encodeURIComponent(id)}`;

/** One page of the inbox for a view and filters, nearest deadline first. */
export function fetchTips(
  view: TipView,
  filters: TipFilters,
  cursor?: string,
  limit = TIPS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<TipPage> {
  return api.get<TipPage>('/tips', { query: { view, ...filters, cursor, limit }, signal });
}

/** Every tip of a view matching the filters (for export), page after page. */
export async function fetchAllTips(view: TipView, filters: TipFilters, max = 20_000): Promise<TipSummary[]> {
  const out: TipSummary[] = [];
  let cursor: string | undefined;
  while (out.length < max) {
    const page = await fetchTips(view, filters, cursor, 200);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** One tip with its content, clocks, dialogue and files (the server records the read). */
export function fetchTip(id: string, signal?: AbortSignal): Promise<TipDetail> {
  return api.get<TipDetail>(tipPath(id), { signal });
}

/** The query of one tip; kept a while so that moving around the page does not read (and log) it again. */
export function tipQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...tipsQueryKey, 'detail', id],
    queryFn: ({ signal }) => fetchTip(id, signal),
    staleTime: 60_000,
  });
}

/** Officers a tip can be assigned to. */
export function fetchAssignees(signal?: AbortSignal): Promise<{ items: TipAssignee[] }> {
  return api.get<{ items: TipAssignee[] }>('/tips/assignees', { signal });
}

export function useAssignees(isEnabled = true) {
  return useQuery({
    queryKey: [...tipsQueryKey, 'assignees'],
    queryFn: ({ signal }) => fetchAssignees(signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

/** Logs a tip received by letter, hotline, in person, post or VNeID. */
export function logTip(body: LogTipBody): Promise<TipDetail> {
  return api.post<TipDetail>('/tips', body);
}

/** The sender's contact details; refused unless chief or the assigned officer, and recorded in the audit log. */
export function fetchTipContact(id: string): Promise<TipContact> {
  return api.get<TipContact>(`${tipPath(id)}/contact`);
}

export function triageTip(id: string, body: TriageTipBody): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/triage`, body);
}

export function assignTip(id: string, officerId: string | null): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/assign`, { officerId });
}

/** An internal note (toSender=false) or a question the sender reads through their receipt code (toSender=true). */
export function addTipNote(id: string, body: string, toSender: boolean): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/notes`, { body, toSender });
}

export function transferTip(id: string, body: { agency: string; transferredAt?: string }): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/transfer`, body);
}

export function recordTipOutcome(id: string, body: TipOutcomeBody): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/outcome`, body);
}

export function closeTip(id: string, body: { reason: TipCloseReason; note?: string }): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/close`, body);
}

export function reopenTip(id: string): Promise<TipDetail> {
  return api.post<TipDetail>(`${tipPath(id)}/reopen`);
}

/** Where a tip's file downloads; quarantined files (metadata not removed) need the explicit confirmation flag. */
export function tipFileUrl(tipId: string, file: Pick<TipFile, 'id' | 'quarantined'>): string {
  const url = `/api/v1${tipPath(tipId)}/files/${encodeURIComponent(file.id)}`;
  return file.quarantined ? `${url}?confirm=1` : url;
}

/** The printable reception record (biên bản tiếp nhận). */
export function receptionRecordUrl(tipId: string): string {
  return `/api/v1${tipPath(tipId)}/reception-record.pdf`;
}

/**
 * Sends a multipart form to the API: the CSRF header and the UI language like every write, and no Content-Type of
 * our own, so the browser sets the multipart boundary.
 */
export async function requestApiForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': i18n.language || 'vi',
        'X-Binh-An-Csrf': '1',
      },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'network', title: i18n.t('common.networkError') });
  }
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      payload && typeof payload === 'object'
        ? (payload as ProblemBody)
        : {
            code: response.status >= 500 ? 'internal' : 'badRequest',
            title: i18n.t(response.status >= 500 ? 'errors.internal' : 'errors.badRequest'),
          },
    );
    // A lost session: a plain API call lets the shared client send the user to the login page.
    if (response.status === 401) void api.get('/auth/me').catch(() => undefined);
    throw error;
  }
  return payload as T;
}

/** Attaches files (e.g. a scanned letter) to a tip. */
export function uploadTipFiles(id: string, files: readonly File[]): Promise<TipDetail> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return requestApiForm<TipDetail>(`${tipPath(id)}/files`, form);
}

/** After a change: the answer becomes the cached tip (no second, logged read) and the inbox lists refresh. */
export function useApplyTipChange() {
  const queryClient = useQueryClient();
  return async (tip: TipDetail) => {
    queryClient.setQueryData(tipQueryOptions(tip.id).queryKey, tip);
    await queryClient.invalidateQueries({ queryKey: [...tipsQueryKey, 'list'] });
  };
}

let rememberedInboxSearch: TipFilters & { view?: TipView } = {};

/** Keeps the inbox's view and filters for this visit, so "back to the list" returns to the same place. */
export function rememberInboxSearch(search: TipFilters & { view?: TipView }): void {
  rememberedInboxSearch = { ...search };
}

export function lastInboxSearch(): TipFilters & { view?: TipView } {
  return rememberedInboxSearch;
}

/**
 * Whether a day is a working day, from the ward's working-day calendar (this year and next): days the calendar lists
 * follow it, others are Monday to Friday. Undefined until loaded, or when the account cannot read the calendar; the
 * deadlines are then shown in calendar days.
 */
export function useWorkingDayPredicate(isEnabled: boolean): ((day: Day) => boolean) | undefined {
  const year = Number(todayInVietnam().slice(0, 4));
  return useQueries({
    queries: [year, year + 1].map((y) => ({
      queryKey: [...tipsQueryKey, 'calendar', y],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<CalendarYear>('/calendar', { query: { year: y }, signal }),
      staleTime: 60 * 60_000,
      retry: false,
      enabled: isEnabled,
    })),
    combine: (results) => {
      if (!results.every((r) => r.isSuccess && r.data)) return undefined;
      const exceptions = new Map<string, boolean>();
      for (const r of results) for (const d of r.data?.days ?? []) exceptions.set(d.day, d.isWorking);
      return (day: Day) => exceptions.get(day) ?? !isWeekend(day);
    },
  });
}
