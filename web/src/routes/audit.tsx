import { AUDIT_OUTCOMES } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const AuditPage = lazyRouteComponent(() => import('../modules/audit/audit-page.tsx'), 'AuditPage');

export type AuditSearch = {
  action?: string;
  outcome?: (typeof AUDIT_OUTCOMES)[number];
  actorId?: string;
  actorName?: string;
  entityType?: string;
  from?: string;
  to?: string;
};

const isoDate = (value: unknown) => {
  const text = optionalString(value);
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
};

export const auditRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/audit',
  validateSearch: (search: Record<string, unknown>): AuditSearch => ({
    action: optionalString(search.action),
    outcome: optionalEnum(search.outcome, AUDIT_OUTCOMES),
    actorId: optionalString(search.actorId),
    actorName: optionalString(search.actorName),
    entityType: optionalString(search.entityType),
    from: isoDate(search.from),
    to: isoDate(search.to),
  }),
  component: () => (
    <RequirePermission action="audit.read" titleKey="nav.audit">
      <AuditPage />
    </RequirePermission>
  ),
});
