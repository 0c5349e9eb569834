import { api } from '../../lib/api.ts';

export type AuditEntryView = {
  seq: number;
  at: string;
  wardId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: Record<string, unknown>;
};

export type AuditFilters = {
  action?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  actorId?: string;
  entityType?: string;
  from?: string;
  to?: string;
};

export type AuditPage = { items: AuditEntryView[]; nextCursor: number | null };

export const auditQueryKey = ['audit'] as const;
export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log, newest first. */
export function fetchAudit(filters: AuditFilters, cursor?: number, limit = AUDIT_PAGE_SIZE, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>('/audit', { query: { ...filters, cursor, limit }, signal });
}

/** Every entry matching the filters (for export), page after page. */
export async function fetchAllAudit(filters: AuditFilters, max = 20_000): Promise<AuditEntryView[]> {
  const out: AuditEntryView[] = [];
  let cursor: number | undefined;
  while (out.length < max) {
    const page = await fetchAudit(filters, cursor, 200);
    out.push(...page.items);
    if (page.nextCursor === null || page.nextCursor === undefined) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** The entity types the log records, for the filter. */
export const KNOWN_ENTITY_TYPES = ['unit', 'user', 'api_token', 'audit_log'] as const;
