import { Badge, Button, Table } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { fetchAlerts, markAlertRead, mediationKey } from './api.ts';

export const alertsQueryKey = [...mediationKey, 'alerts'] as const;

/** The ward police's notifications from the mediation book: escalations, returning disputes, cases handed to them. */
export function MediationAlertsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: alertsQueryKey, queryFn: fetchAlerts });
  const mark = useMutation({ mutationFn: markAlertRead, onSuccess: () => void client.invalidateQueries({ queryKey: alertsQueryKey }) });
  return (
    <>
      <PageHeader title={t('mediationPage.alerts.title')} description={t('mediationPage.alerts.description')} />
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data?.items.length === 0 ? <EmptyState title={t('mediationPage.alerts.empty')} description="" /> : null}
      {query.data?.items.length ? (
        <DataTable caption={t('mediationPage.alerts.caption')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('mediationPage.alerts.at')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.alerts.kind')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.alerts.case')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.alerts.read')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
                <Table.Td>
                  <Badge color={a.kind === 'risk' ? 'red' : a.kind === 'returning' ? 'orange' : 'grape'} variant="light">
                    {t(`mediation.notificationKinds.${a.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <AnchorLink to="/mediation/$caseId" params={{ caseId: a.caseId }}>
                    {a.caseNumber}
                  </AnchorLink>{' '}
                  · {a.unitName}
                </Table.Td>
                <Table.Td>
                  {a.readAt ? (
                    formatDateTime(a.readAt)
                  ) : (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => mark.mutate(a.id)}
                      aria-label={`${t('mediationPage.alerts.markRead')} ${a.caseNumber}`}
                    >
                      {t('mediationPage.alerts.markRead')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
    </>
  );
}

/** The unread count for the navigation badge (police only; refreshed every minute). */
export function useUnreadAlerts(isEnabled: boolean): number {
  const query = useQuery({ queryKey: alertsQueryKey, queryFn: fetchAlerts, enabled: isEnabled, refetchInterval: 60_000 });
  return query.data?.unread ?? 0;
}
