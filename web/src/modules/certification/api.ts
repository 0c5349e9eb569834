import type { AwardView, CycleDetail, CyclesList, ModelView, ProvinceCriterionView, ProvinceRules } from '@binh-an/domain';
import { requestApi } from '../../lib/api.ts';

export type WardStatus = NonNullable<CycleDetail['ward']>;
export type { CyclesList };
export type CertificationSearch = { year?: string; ward?: string };

const awardsQueryString = (q: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

export const certificationKey = ['certification'] as const;

export const fetchCycles = (year: number, ward?: string) =>
  requestApi<CyclesList>('GET', '/certification/cycles', { query: { year: String(year), ...(ward ? { ward } : {}) } });
export const fetchCycle = (id: string) => requestApi<CycleDetail>('GET', `/certification/cycles/${id}`);
export const registerCycle = (body: object) => requestApi<CycleDetail>('POST', '/certification/cycles', { body });
export const postStep = (id: string, step: 'self-assessment' | 'submit' | 'appraisal' | 'decision' | 'classification', body: object) =>
  requestApi<CycleDetail>('POST', `/certification/cycles/${id}/${step}`, { body });
export const cyclesExportUrl = (year: number, ward: string | null) =>
  `/api/v1/certification/cycles.xlsx?year=${year}${ward ? `&ward=${ward}` : ''}`;
export const certificateUrl = (id: string) => `/api/v1/certification/cycles/${id}/certificate`;
export const dossierUrl = (id: string, format: 'pdf' | 'docx') => `/api/v1/certification/cycles/${id}/dossier?format=${format}`;

export type ModelsQuery = { q?: string; state?: string };
export const fetchModels = (q: ModelsQuery = {}, cursor?: string) =>
  requestApi<{ items: ModelView[]; nextCursor: string | null }>('GET', '/certification/models', {
    query: { ...awardsQueryString(q), ...(cursor ? { cursor } : {}) },
  });
export const modelsExportUrl = (q: ModelsQuery) =>
  `/api/v1/certification/models.xlsx?${new URLSearchParams(awardsQueryString(q)).toString()}`;
export const createModel = (body: object) => requestApi<ModelView>('POST', '/certification/models', { body });
export const updateModel = (id: string, body: object) => requestApi<ModelView>('PATCH', `/certification/models/${id}`, { body });

export type AwardsQuery = { q?: string; kind?: string; status?: string; year?: string };
export const fetchAwards = (q: AwardsQuery = {}, cursor?: string) =>
  requestApi<{ items: AwardView[]; nextCursor: string | null }>('GET', '/certification/awards', {
    query: { ...awardsQueryString(q), ...(cursor ? { cursor } : {}) },
  });
export const awardsExportUrl = (q: AwardsQuery) =>
  `/api/v1/certification/awards.xlsx?${new URLSearchParams(awardsQueryString(q)).toString()}`;
export const proposeAward = (body: object) => requestApi<AwardView>('POST', '/certification/awards', { body });
export const decideAward = (id: string, body: object) => requestApi<AwardView>('POST', `/certification/awards/${id}/decision`, { body });

export const fetchProvinceRules = () => requestApi<ProvinceRules>('GET', '/certification/province-rules');
export const createProvinceCriterion = (body: object) =>
  requestApi<ProvinceCriterionView>('POST', '/certification/province-criteria', { body });
export const updateProvinceCriterion = (id: string, body: object) =>
  requestApi<ProvinceCriterionView>('PATCH', `/certification/province-criteria/${id}`, { body });
export const saveThresholds = (body: object) => requestApi<ProvinceRules>('PUT', '/certification/class-thresholds', { body });
