import type {
  AddMemberInput,
  CreateTeamInput,
  calendarFeedSchema,
  checkpointInputSchema,
  createScheduleSchema,
  memberSchema,
  PatrolRating,
  PatrolTeamKind,
  patrolFiguresSchema,
  patrolMeSchema,
  rosterMemberSchema,
  roundSchema,
  roundSummarySchema,
  routeSchema,
  scheduleSchema,
  shiftSchema,
  teamRatingsSchema,
  teamSchema,
} from '@binh-an/domain';
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api.ts';
import type { RoundEditBody } from './edit-model.ts';
import type { TeamStatusFilter } from './team-statuses.ts';

export type PatrolMe = z.infer<typeof patrolMeSchema>;
export type PatrolTeam = z.infer<typeof teamSchema>;
export type PatrolMember = z.infer<typeof memberSchema>;
export type PatrolRosterMember = z.infer<typeof rosterMemberSchema>;
export type PatrolRoute = z.infer<typeof routeSchema>;
export type PatrolSchedule = z.infer<typeof scheduleSchema>;
export type PatrolShift = z.infer<typeof shiftSchema>;
export type PatrolRound = z.infer<typeof roundSchema>;
export type PatrolRoundSummary = z.infer<typeof roundSummarySchema>;
export type PatrolFigures = z.infer<typeof patrolFiguresSchema>;
export type TeamRatings = z.infer<typeof teamRatingsSchema>;
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
export type CheckpointInput = z.input<typeof checkpointInputSchema>;
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;
export type Page<T> = { items: T[]; nextCursor: string | null };

export { TEAM_STATUSES_SHOWN, type TeamStatusFilter } from './team-statuses.ts';

/** The teams list's search and filters, in the address and sent to the API under the same names. */
export type TeamFilters = { q?: string; kind?: PatrolTeamKind; status?: TeamStatusFilter };
/** The patrol log's filters, in the address and sent to the API under the same names. */
export type RoundFilters = { teamId?: string; from?: string; to?: string; hasIncidents?: 'true' | 'false' };

export const patrolsQueryKey = ['patrols'] as const;
export const PATROL_PAGE_SIZE = 50;
const base = '/patrols';
const id = (value: string) => encodeURIComponent(value);

/** The query params of a filter object, without empty values, for an export link. */
function exportUrl(path: string, filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return `/api/v1${base}${path}${text ? `?${text}` : ''}`;
}

/* ---------- me ---------- */

export const patrolMeQueryOptions = queryOptions({
  queryKey: [...patrolsQueryKey, 'me'],
  queryFn: ({ signal }) => api.get<PatrolMe>(`${base}/me`, { signal }),
  staleTime: 60_000,
});

/* ---------- teams ---------- */

export function fetchTeams(
  filters: TeamFilters,
  cursor?: string,
  signal?: AbortSignal,
  limit = PATROL_PAGE_SIZE,
): Promise<Page<PatrolTeam>> {
  return api.get<Page<PatrolTeam>>(`${base}/teams`, { query: { ...filters, cursor, limit }, signal });
}

export function teamsExportUrl(filters: TeamFilters, format: 'csv' | 'xlsx'): string {
  return exportUrl(`/teams/export.${format}`, filters);
}

export function teamQueryOptions(teamId: string) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'team', teamId],
    queryFn: ({ signal }) => api.get<PatrolTeam>(`${base}/teams/${id(teamId)}`, { signal }),
  });
}

export function createTeam(body: CreateTeamInput): Promise<PatrolTeam> {
  return api.post<PatrolTeam>(`${base}/teams`, body);
}

/** Corrects a team's name, area, day set up, decision or note (only the fields sent change). */
export function updateTeam(teamId: string, body: Record<string, unknown>): Promise<PatrolTeam> {
  return api.patch<PatrolTeam>(`${base}/teams/${id(teamId)}`, body);
}

export function closeTeam(teamId: string, body: { closedOn: string; reason?: string }): Promise<PatrolTeam> {
  return api.post<PatrolTeam>(`${base}/teams/${id(teamId)}/close`, body);
}

/** A team's members with their contacts; the server records the read. */
export function membersQueryOptions(teamId: string, includeLeft: boolean) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'team', teamId, 'members', includeLeft],
    queryFn: ({ signal }) =>
      api.get<{ items: PatrolMember[] }>(`${base}/teams/${id(teamId)}/members`, {
        query: { includeLeft: includeLeft ? 'true' : undefined },
        signal,
      }),
    staleTime: 60_000,
  });
}

/** A team's roster for the pickers: names, roles and whether each still serves — no contacts, so no read to record. */
export function rosterQueryOptions(teamId: string, includeLeft: boolean) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'team', teamId, 'roster', includeLeft],
    queryFn: ({ signal }) =>
      api.get<{ items: PatrolRosterMember[] }>(`${base}/teams/${id(teamId)}/roster`, {
        query: { includeLeft: includeLeft ? 'true' : undefined },
        signal,
      }),
    staleTime: 60_000,
  });
}

export function addMember(teamId: string, body: AddMemberInput): Promise<PatrolMember> {
  return api.post<PatrolMember>(`${base}/teams/${id(teamId)}/members`, body);
}

export function updateMember(memberId: string, body: Partial<AddMemberInput>): Promise<PatrolMember> {
  return api.patch<PatrolMember>(`${base}/members/${id(memberId)}`, body);
}

export function leaveMember(memberId: string, body: { leftOn: string; reason?: string }): Promise<PatrolMember> {
  return api.post<PatrolMember>(`${base}/members/${id(memberId)}/leave`, body);
}

export function ratingsQueryOptions(teamId: string, year: number) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'team', teamId, 'ratings', year],
    queryFn: ({ signal }) => api.get<TeamRatings>(`${base}/teams/${id(teamId)}/ratings/${year}`, { signal }),
  });
}

export function rateTeam(teamId: string, year: number, body: { level: PatrolRating; note?: string }): Promise<TeamRatings> {
  return api.put<TeamRatings>(`${base}/teams/${id(teamId)}/ratings/${year}`, body);
}

export function rateMember(memberId: string, year: number, body: { level: PatrolRating; note?: string }): Promise<TeamRatings> {
  return api.put<TeamRatings>(`${base}/members/${id(memberId)}/ratings/${year}`, body);
}

/** Opens a new calendar feed of a member's shifts: its address is answered once and cannot be read back. */
export function createCalendarFeed(memberId: string): Promise<CalendarFeed> {
  return api.post<CalendarFeed>(`${base}/members/${id(memberId)}/calendar-feed`);
}

export function revokeCalendarFeed(memberId: string): Promise<void> {
  return api.delete<void>(`${base}/members/${id(memberId)}/calendar-feed`);
}

/* ---------- routes, schedules, shifts ---------- */

export function routesQueryOptions(teamId: string | undefined, includeInactive = false) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'routes', teamId ?? 'all', includeInactive],
    queryFn: ({ signal }) =>
      api.get<{ items: PatrolRoute[] }>(`${base}/routes`, {
        query: { teamId, includeInactive: includeInactive ? 'true' : undefined },
        signal,
      }),
  });
}

export function createRoute(body: { name: string; teamId?: string | null; description?: string; checkpoints: CheckpointInput[] }) {
  return api.post<PatrolRoute>(`${base}/routes`, body);
}

/** Corrects a route's name, description or use (only the fields sent change). */
export function updateRoute(routeId: string, body: { name?: string; description?: string | null; active?: boolean }) {
  return api.patch<PatrolRoute>(`${base}/routes/${id(routeId)}`, body);
}

/** Sets a route's checkpoints in order: listed ones are kept (by id) or added, the others retired. */
export function replaceCheckpoints(routeId: string, checkpoints: CheckpointInput[]) {
  return api.put<PatrolRoute>(`${base}/routes/${id(routeId)}/checkpoints`, { checkpoints });
}

export function qrSheetUrl(routeId: string): string {
  return `/api/v1${base}/routes/${id(routeId)}/qr-sheet.pdf`;
}

export function schedulesQueryOptions(teamId: string) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'schedules', teamId],
    queryFn: ({ signal }) => api.get<{ items: PatrolSchedule[] }>(`${base}/schedules`, { query: { teamId }, signal }),
  });
}

export function createSchedule(body: CreateScheduleInput): Promise<PatrolSchedule> {
  return api.post<PatrolSchedule>(`${base}/schedules`, body);
}

/** Corrects a schedule; its shifts from now on are made again. */
export function updateSchedule(scheduleId: string, body: Partial<CreateScheduleInput>): Promise<PatrolSchedule> {
  return api.patch<PatrolSchedule>(`${base}/schedules/${id(scheduleId)}`, body);
}

/** Corrects a shift's members, route, cancellation or note. */
export function updateShift(
  shiftId: string,
  body: { memberIds?: string[]; routeId?: string | null; cancelled?: boolean; note?: string | null },
): Promise<PatrolShift> {
  return api.patch<PatrolShift>(`${base}/shifts/${id(shiftId)}`, body);
}

export type ShiftQuery = { from: string; to: string; teamId?: string; memberId?: string; mine?: boolean };

export function shiftsQueryOptions(query: ShiftQuery) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'shifts', query],
    queryFn: ({ signal }) =>
      api.get<{ items: PatrolShift[] }>(`${base}/shifts`, {
        query: { ...query, mine: query.mine ? 'true' : undefined },
        signal,
      }),
  });
}

/* ---------- the patrol log ---------- */

export function fetchRounds(filters: RoundFilters, cursor?: string, signal?: AbortSignal): Promise<Page<PatrolRoundSummary>> {
  return api.get<Page<PatrolRoundSummary>>(`${base}/rounds`, { query: { ...filters, cursor, limit: PATROL_PAGE_SIZE }, signal });
}

export function roundsExportUrl(filters: RoundFilters, format: 'csv' | 'xlsx'): string {
  return exportUrl(`/rounds/export.${format}`, filters);
}

/** One round; the server records the read. */
export function roundQueryOptions(roundId: string) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'round', roundId],
    queryFn: ({ signal }) => api.get<PatrolRound>(`${base}/rounds/${id(roundId)}`, { signal }),
    staleTime: 60_000,
  });
}

/** Corrects a round's route, times or note (only the fields sent change). */
export function updateRound(roundId: string, body: RoundEditBody): Promise<PatrolRound> {
  return api.patch<PatrolRound>(`${base}/rounds/${id(roundId)}`, body);
}

/** Corrects an incident's type, description or handling (handled "to the police", a case is recorded). */
export function updateIncident(roundId: string, incidentId: string, body: Record<string, string | null>): Promise<PatrolRound> {
  return api.patch<PatrolRound>(`${base}/rounds/${id(roundId)}/incidents/${id(incidentId)}`, body);
}

/** Hands an incident to the ward police: a case is recorded in the register (once). */
export function handIncidentToPolice(roundId: string, incidentId: string): Promise<PatrolRound> {
  return api.post<PatrolRound>(`${base}/rounds/${id(roundId)}/incidents/${id(incidentId)}/hand-to-police`);
}

/* ---------- figures ---------- */

export type FiguresQuery = { unit: string; from: string; to: string; teamId?: string };

export function figuresQueryOptions(query: FiguresQuery) {
  return queryOptions({
    queryKey: [...patrolsQueryKey, 'figures', query],
    queryFn: ({ signal }) => api.get<PatrolFigures>(`${base}/figures`, { query, signal }),
  });
}

let rememberedRoundSearch: RoundFilters = {};
let rememberedTeamSearch: TeamFilters = {};

/** Keeps the lists' filters for this visit, so "back to the list" returns to the same place. */
export function rememberRoundSearch(filters: RoundFilters): void {
  rememberedRoundSearch = { ...filters };
}
export function lastRoundSearch(): RoundFilters {
  return rememberedRoundSearch;
}
export function rememberTeamSearch(filters: TeamFilters): void {
  rememberedTeamSearch = { ...filters };
}
export function lastTeamSearch(): TeamFilters {
  return rememberedTeamSearch;
}
