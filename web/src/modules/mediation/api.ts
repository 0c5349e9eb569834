import type {
  CompositionProblem,
  CreateMediationCaseInput,
  MediationBlockCounts,
  MediationBlockFigures,
  MediationRisk,
  MediationStatus,
  MediationType,
  RecognitionClock,
  ScopeExclusion,
} from '@binh-an/domain';
import { requestApi } from '../../lib/api.ts';
import type { ReportSearch } from '../reports/period-kinds.ts';

export type MediatorView = {
  id: string;
  fullName: string;
  gender: 'female' | 'male';
  role: 'leader' | 'member';
  ethnicMinority: boolean;
  joinedOn: string;
  proposedOn: string | null;
  recognisedOn: string | null;
  decisionRef: string | null;
  leaderVote: { for: number; total: number } | null;
  trainedOn: string | null;
  leftOn: string | null;
  serving: boolean;
  recognition: RecognitionClock | null;
};

export type TeamView = {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  establishedOn: string;
  decisionRef: string | null;
  ethnicArea: boolean;
  closedOn: string | null;
  note: string | null;
  serving: number;
  problems: { code: CompositionProblem; article: string }[];
  pendingRecognitions: number;
  overdueRecognitions: number;
  members: MediatorView[];
};

export type CaseSummary = {
  id: string;
  unitId: string;
  unitName: string;
  teamId: string | null;
  number: string;
  receivedOn: string;
  type: MediationType;
  status: MediationStatus;
  risk: MediationRisk;
  recurring: boolean;
  excerpt: string;
};

export type CaseDetail = CaseSummary & {
  ground: string;
  summary: string;
  parties: { name: string; age?: number; address?: string; related?: boolean }[];
  mediators: { id: string; fullName: string }[];
  invitees: string | null;
  screening: { inScope: boolean; reasons: { code: ScopeExclusion; article: string }[]; suggestPolice: boolean };
  refusalNote: string | null;
  resultOn: string | null;
  agreement: string | null;
  demands: string | null;
  writtenRecord: boolean;
  prolonged: boolean;
  riskNote: string | null;
  history: { tip: { id: string; number: string } | null; policeCase: { id: string; number: string; on: string } | null };
  sessions: { id: string; heldOn: string; place: string | null; summary: string }[];
  followUps: { id: string; on: string; state: 'performed' | 'partly' | 'not_performed'; note: string | null }[];
};

/**
 * The book's filters in the address (`mediationType`, so as not to clash with other lists' `type`), and the figures by
 * block: `view=blocks` with the unit and period of the report pages (`unit`, `period`, `year`, `part`, `from`, `to`).
 */
export type MediationSearch = {
  q?: string;
  status?: MediationStatus;
  mediationType?: MediationType;
  unitId?: string;
  view?: 'blocks';
} & Omit<ReportSearch, 'lang'>;
export type CaseFilters = { q?: string; status?: MediationStatus; type?: MediationType; unitId?: string };

export const mediationKey = ['mediation'] as const;

export const fetchTeams = () => requestApi<{ items: TeamView[] }>('GET', '/mediation/teams');
export const fetchCases = (f: CaseFilters, cursor?: string) =>
  requestApi<{ items: CaseSummary[]; nextCursor: string | null; escalationsOnly: boolean }>('GET', '/mediation/cases', {
    query: { ...f, cursor, limit: 50 },
  });
export const fetchCase = (id: string) => requestApi<CaseDetail>('GET', `/mediation/cases/${id}`);
export const createCase = (body: CreateMediationCaseInput) => requestApi<CaseDetail>('POST', '/mediation/cases', { body });
export const updateCaseParties = (id: string, body: { parties: object[]; invitees: string | null }) =>
  requestApi<CaseDetail>('PATCH', `/mediation/cases/${id}`, { body });
export const postCase = (id: string, action: string, body: object) =>
  requestApi<CaseDetail>('POST', `/mediation/cases/${id}/${action}`, { body });
export const addMediator = (teamId: string, body: object) => requestApi<TeamView>('POST', `/mediation/teams/${teamId}/members`, { body });
export const createTeam = (body: object) => requestApi<TeamView>('POST', '/mediation/teams', { body });
export const updateTeam = (teamId: string, body: object) => requestApi<TeamView>('PATCH', `/mediation/teams/${teamId}`, { body });
export const updateMediator = (teamId: string, memberId: string, body: object) =>
  requestApi<TeamView>('PATCH', `/mediation/teams/${teamId}/members/${memberId}`, { body });
export const leaveMediator = (teamId: string, memberId: string, body: { leftOn: string; reason: string }) =>
  requestApi<TeamView>('POST', `/mediation/teams/${teamId}/members/${memberId}/leave`, { body });
export const fetchTipsToMediate = () =>
  requestApi<{ items: { id: string; number: string; unitName: string; receivedOn: string; excerpt: string }[] }>('GET', '/mediation/tips');
export const sendTip = (tipId: string) => requestApi<CaseDetail>('POST', '/mediation/cases/from-tip', { body: { tipId } });
export type AlertView = {
  id: string;
  kind: 'risk' | 'returning' | 'referred';
  createdAt: string;
  readAt: string | null;
  caseId: string;
  caseNumber: string;
  unitName: string;
};
export const fetchAlerts = () => requestApi<{ unread: number; items: AlertView[] }>('GET', '/mediation/notifications');
export const markAlertRead = (id: string) => requestApi<{ unread: number }>('POST', `/mediation/notifications/${id}/read`);
export const bookUrl = (unitId: string, year: number, format: 'pdf' | 'docx' | 'xlsx') =>
  `/api/v1/mediation/book?unitId=${unitId}&year=${year}&format=${format}`;

/** The counts of one block over a period (results by the day of the result; the rest by the day received). */
export type BlockCounts = MediationBlockCounts;
export type BlockFigures = MediationBlockFigures;
export const fetchBlockFigures = (params: { unitId: string; from: string; to: string }, signal?: AbortSignal) =>
  requestApi<BlockFigures>('GET', '/mediation/figures', { query: params, signal });
