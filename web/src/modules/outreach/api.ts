import type { ActivityType, AudienceGroup, OutreachTopic } from '@binh-an/domain';
import { api } from '../../lib/api.ts';
import { requestApiForm } from '../tips/api.ts';

export const outreachKey = ['outreach'] as const;

export { OUTREACH_TABS, type OutreachTab } from './tabs.ts';

export type ActivityView = {
  id: string;
  unitId: string;
  unitName: string;
  type: ActivityType;
  topic: OutreachTopic;
  heldOn: string;
  title: string;
  organisers: string | null;
  audienceTotal: number;
  audienceGroups: Partial<Record<AudienceGroup, number>>;
  materials: string[];
  note: string | null;
  files: { id: string; name: string; mime: string; size: number }[];
};
export type ActivityInput = {
  unitId: string;
  type: ActivityType;
  topic: OutreachTopic;
  heldOn: string;
  title: string;
  organisers?: string;
  audienceGroups?: Partial<Record<AudienceGroup, number>>;
  audienceTotal?: number;
  materials?: string[];
};
export type ActivityFilters = { q?: string; type?: ActivityType; topic?: OutreachTopic; from?: string; to?: string };

export type ScriptView = {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  topic: OutreachTopic;
  version: number;
  body: string;
  updatedAt: string;
  versions?: { version: number; body: string; note: string | null; createdAt: string }[];
};

export type BroadcastView = {
  id: string;
  unitId: string;
  unitName: string;
  scriptId: string;
  scriptTitle: string;
  topic: OutreachTopic;
  scriptVersion: number;
  body: string;
  system: 'ward' | 'block';
  airsAt: string;
  minutes: number;
  airedAt: string | null;
};

export type AnnouncementKind = 'news' | 'alert' | 'survey';
export const ANNOUNCEMENT_KINDS: readonly AnnouncementKind[] = ['alert', 'news', 'survey'];

export type AnnouncementView = {
  id: string;
  unitId: string;
  unitName: string;
  kind: AnnouncementKind;
  topic: OutreachTopic;
  title: string;
  body: string;
  blockIds: string[];
  urgent: boolean;
  survey: boolean;
  /** A survey after a patrol period: the period it asks about. */
  periodFrom: string | null;
  periodTo: string | null;
  publishedAt: string | null;
  createdAt: string;
  deliveries: number;
  delivered: number;
  failed: number;
  surveyByBlock?: { unitId: string; unitName: string; counts: Record<'safer' | 'same' | 'less_safe', number>; saferShare: number | null }[];
};
export type AnnouncementInput = {
  unitId: string;
  kind: AnnouncementKind;
  topic: OutreachTopic;
  title: string;
  body: string;
  blockIds?: string[];
  urgent?: boolean;
  survey?: boolean;
  periodFrom?: string;
  periodTo?: string;
};
export type DeliveryView = {
  id: string;
  channel: string;
  contact: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  error: string | null;
  sentAt: string | null;
};

type Page<T> = { items: T[]; nextCursor: string | null };
const base = '/outreach';

export const fetchActivities = (f: ActivityFilters, cursor?: string) =>
  api.get<Page<ActivityView>>(`${base}/activities`, { query: { ...f, ...(cursor ? { cursor } : {}) } });
export const createActivity = (input: ActivityInput) => api.post<ActivityView>(`${base}/activities`, input);
/** Attaches one file (a leaflet, an outline, slides, a photo) to an activity. */
export function uploadMaterial(activityId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return requestApiForm<{ id: string; name: string }>(`${base}/activities/${activityId}/materials`, form);
}
export const materialUrl = (activityId: string, id: string) => `/api/v1${base}/activities/${activityId}/materials/${id}`;
export type ActivityCorrection = Partial<Omit<ActivityInput, 'unitId' | 'organisers'>> & {
  organisers?: string | null;
  note?: string | null;
};
/** Corrects a recorded activity; the server audits the names of the fields changed. */
export const updateActivity = (id: string, input: ActivityCorrection) => api.patch<ActivityView>(`${base}/activities/${id}`, input);
export const activitiesExportUrl = (f: ActivityFilters, format: 'csv' | 'xlsx') => {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, String(v));
  return `/api/v1${base}/activities?${q}`;
};
export const activitiesCsvUrl = (f: ActivityFilters) => activitiesExportUrl(f, 'csv');

export type ScriptFilters = { q?: string; topic?: OutreachTopic };
export const fetchScripts = (f: ScriptFilters = {}, cursor?: string, limit?: number) =>
  api.get<Page<ScriptView>>(`${base}/scripts`, {
    query: { ...f, ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) },
  });
export const fetchScript = (id: string) => api.get<ScriptView>(`${base}/scripts/${id}`);
export const createScript = (input: { unitId: string; title: string; topic: OutreachTopic; body: string }) =>
  api.post<ScriptView>(`${base}/scripts`, input);
export const reviseScript = (id: string, input: { body: string; note?: string }) =>
  api.post<ScriptView>(`${base}/scripts/${id}/versions`, input);

export const fetchBroadcasts = (from?: string, to?: string) =>
  api.get<{ from: string; to: string; items: BroadcastView[] }>(`${base}/broadcasts`, {
    query: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
  });
export const createBroadcast = (input: {
  unitId: string;
  scriptId: string;
  system: 'ward' | 'block';
  airsOn: string;
  airsAt: string;
  minutes: number;
}) => api.post<BroadcastView>(`${base}/broadcasts`, input);
export const markAired = (id: string, listeners?: number) =>
  api.post<BroadcastView>(`${base}/broadcasts/${id}/done`, listeners === undefined ? {} : { listeners });

export type AnnouncementFilters = {
  q?: string;
  kind?: AnnouncementKind;
  topic?: OutreachTopic;
  state?: 'draft' | 'published';
};
export const fetchAnnouncements = (f: AnnouncementFilters = {}, cursor?: string) =>
  api.get<Page<AnnouncementView>>(`${base}/announcements`, { query: { ...f, ...(cursor ? { cursor } : {}) } });
export const updateAnnouncement = (id: string, input: Partial<Omit<AnnouncementInput, 'unitId'>>) =>
  api.patch<AnnouncementView>(`${base}/announcements/${id}`, input);
export const discardAnnouncement = (id: string) => api.delete<void>(`${base}/announcements/${id}`);

export type SubscriberFigures = {
  confirmed: number;
  pending: number;
  byChannel: { channel: string; confirmed: number; pending: number }[];
  byTopic: { topic: OutreachTopic; count: number }[];
  byBlock: { unitId: string | null; unitName: string | null; count: number }[];
};
export const fetchSubscriberFigures = () => api.get<SubscriberFigures>(`${base}/subscribers/figures`);
export const fetchAnnouncement = (id: string) => api.get<AnnouncementView>(`${base}/announcements/${id}`);
export const createAnnouncement = (input: AnnouncementInput) => api.post<AnnouncementView>(`${base}/announcements`, input);
export const publishAnnouncement = (id: string) => api.post<AnnouncementView>(`${base}/announcements/${id}/publish`);
export const fetchDeliveries = (id: string) => api.get<{ items: DeliveryView[] }>(`${base}/announcements/${id}/deliveries`);
