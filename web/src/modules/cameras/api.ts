import type { Boundary, CameraCover, CameraKind, ContactChannel, FootageOutcome } from '@binh-an/domain';
import { api } from '../../lib/api.ts';

export type CameraView = {
  id: string;
  unitId: string;
  unitName: string;
  kind: CameraKind;
  source: 'staff' | 'public';
  label: string;
  address: string;
  lat: number;
  lng: number;
  direction: number;
  angle: number;
  range: number;
  covers: CameraCover[];
  retentionDays: number;
  working: boolean;
  status: 'active' | 'withdrawn';
  withdrawnAt: string | null;
  channel: ContactChannel | null;
  contactVerified: boolean;
  consentVersion: string | null;
  consentAt: string | null;
  hasOwner: boolean;
  searchable: boolean;
};
export type CameraInput = {
  unitId: string;
  kind: CameraKind;
  label: string;
  address: string;
  lat: number;
  lng: number;
  direction: number;
  angle: number;
  range: number;
  covers: CameraCover[];
  retentionDays: number;
  working: boolean;
  ownerName?: string;
  contact?: string;
  channel?: ContactChannel;
  consent?: boolean;
};
export type Limits = {
  maxWindowHours: number;
  maxRadiusMetres: number;
  reason: string | null;
  custom: boolean;
  defaults: { maxWindowHours: number; maxRadiusMetres: number };
};
export type FoundCamera = CameraView & { distance: number; holdsFootage: boolean; footageGoneAt: string };
export type RequestInput = {
  lat: number;
  lng: number;
  radiusMetres: number;
  fromAt: string;
  toAt: string;
  reference: string;
  purpose: string;
};
export type RequestListItem = {
  id: string;
  number: string;
  reference: string;
  purpose: string;
  fromAt: string;
  toAt: string;
  exception: boolean;
  createdAt: string;
  cameras: number;
  outcomes: Record<FootageOutcome, number>;
};
export type RequestDetail = Omit<RequestListItem, 'cameras' | 'outcomes'> & {
  lat: number;
  lng: number;
  radiusMetres: number;
  cameras: {
    id: string;
    cameraId: string;
    label: string;
    address: string;
    distance: number;
    notified: boolean;
    outcome: FootageOutcome;
    answeredAt: string | null;
    note: string | null;
    file: { name: string; mime: string; quarantined: boolean } | null;
  }[];
};
export type CameraMapData = {
  ward: { id: string; code: string; name: string } | null;
  tiles: { url: string; attribution: string } | null;
  cameras: {
    id: string;
    label: string;
    kind: CameraKind;
    working: boolean;
    lat: number;
    lng: number;
    direction: number;
    angle: number;
    range: number;
    unitId: string;
    sector: [number, number][];
  }[];
  blocks: {
    id: string;
    name: string;
    working: number;
    cameras: number;
    /** The share of the block's area the working cameras see (0–1), or null when it has no boundary. */
    coverage: number | null;
    boundary: Boundary | null;
  }[];
  /** Where the next camera would help most: recent incidents out of every working camera's view, ranked by place. */
  planning: {
    days: number;
    incidents: number;
    uncovered: number;
    sites: { rank: number; lat: number; lng: number; incidents: number; blockId: string | null; blockName: string | null }[];
    blocks: { id: string; name: string; incidents: number; rank: number }[];
    points: { lat: number; lng: number; source: 'patrol' | 'request'; covered: boolean }[];
  };
};

export type Page<T> = { total: number; items: T[]; nextCursor: string | null };
export const camerasQueryKey = ['cameras'] as const;
export const PAGE_SIZE = 50;

type Query = Record<string, string | number | undefined>;

export const fetchCameras = (query: Query, signal?: AbortSignal) => api.get<Page<CameraView>>('/cameras', { query, signal });
export const fetchCamera = (id: string) =>
  api.get<CameraView & { ownerName: string | null; contact: string | null }>(`/cameras/${encodeURIComponent(id)}`);
export const createCamera = (body: CameraInput) => api.post<CameraView>('/cameras', body);
export const updateCamera = (id: string, body: Partial<CameraInput>) => api.patch<CameraView>(`/cameras/${encodeURIComponent(id)}`, body);
export const withdrawCamera = (id: string) => api.post<CameraView>(`/cameras/${encodeURIComponent(id)}/withdraw`, {});
export const fetchCameraMap = (signal?: AbortSignal) => api.get<CameraMapData>('/cameras/map', { signal });
export const fetchLimits = (signal?: AbortSignal) => api.get<Limits>('/cameras/limits', { signal });
export const saveLimits = (body: { maxWindowHours: number; maxRadiusMetres: number; reason?: string }) =>
  api.put<Limits>('/cameras/limits', body);
export const searchCameras = (body: Omit<RequestInput, 'reference' | 'purpose'>) =>
  api.post<{ limits: Limits; items: FoundCamera[] }>('/cameras/search', body);
export const fetchRequests = (query: Query, signal?: AbortSignal) => api.get<Page<RequestListItem>>('/cameras/requests', { query, signal });
export const fetchRequest = (id: string, signal?: AbortSignal) =>
  api.get<RequestDetail>(`/cameras/requests/${encodeURIComponent(id)}`, { signal });
export const createRequest = (body: RequestInput) => api.post<RequestDetail>('/cameras/requests', body);
export const footageUrl = (requestId: string, answerId: string) =>
  `/api/v1/cameras/requests/${encodeURIComponent(requestId)}/answers/${encodeURIComponent(answerId)}/file`;

/** A datetime-local value (Vietnam time, "2026-11-26T18:30") as an ISO instant. */
export function vnLocalToIso(value: string): string {
  return new Date(`${value}:00+07:00`).toISOString();
}

/** The Vietnam day ("2026-11-26") of an instant. */
export function vnDay(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}
