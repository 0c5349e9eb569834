import { Badge, Grid, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan, useMe } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { countUnitsByType } from '../units/unit-forest.ts';

function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'contents' }}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

/** The counts of units by type in the user's scope, from the unit list itself. */
function UnitCounts() {
  const { t } = useTranslation();
  const query = useAllUnits();
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const rows = countUnitsByType(query.data);
  const totalActive = rows.reduce((sum, row) => sum + row.active, 0);
  const totalInactive = rows.reduce((sum, row) => sum + row.inactive, 0);
  if (rows.length === 0) return <Text c="dimmed">{t('overview.noUnits')}</Text>;
  return (
    <DataTable caption={t('overview.unitCountsCaption')} minWidth={0} label={t('overview.unitCountsCaption')} isCompact>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('unitsPage.fields.type')}</Table.Th>
          <Table.Th scope="col" className="num">
            {t('overview.activeUnits')}
          </Table.Th>
          <Table.Th scope="col" className="num">
            {t('overview.historicUnits')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.type}>
            <Table.Th scope="row" fw={400}>
              <AnchorLink to="/units" search={{ type: row.type }} size="sm">
                {t(`unitTypes.${row.type}`)}
              </AnchorLink>
            </Table.Th>
            <Table.Td className="num">{formatNumber(row.active)}</Table.Td>
            <Table.Td className="num">{formatNumber(row.inactive)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th scope="row">{t('overview.total')}</Table.Th>
          <Table.Td className="num" fw={700}>
            {formatNumber(totalActive)}
          </Table.Td>
          <Table.Td className="num" fw={700}>
            {formatNumber(totalInactive)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </DataTable>
  );
}

/** The landing screen: who the user is, where, and what their scope holds. */
export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const modules = [
    { to: '/dashboard' as const, label: t('nav.dashboard'), text: t('dashboardPage.overviewText'), isAllowed: can('report.read') },
    { to: '/units' as const, label: t('nav.units'), text: t('overview.modules.units'), isAllowed: can('unit.read') },
    { to: '/users' as const, label: t('nav.users'), text: t('overview.modules.users'), isAllowed: can('user.read') },
    { to: '/audit' as const, label: t('nav.audit'), text: t('overview.modules.audit'), isAllowed: can('audit.read') },
    { to: '/tokens' as const, label: t('nav.tokens'), text: t('overview.modules.tokens'), isAllowed: can('token.manage') },
  ].filter((module) => module.isAllowed);

  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.greeting', { name: me.user.displayName })} />
      <Grid gap="md" align="stretch">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" h="100%" component="section" aria-labelledby="overview-account">
            <Title order={2} size="h3" id="overview-account" mb="sm">
              {t('overview.yourAccount')}
            </Title>
            <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr', gap: '8px 16px', margin: 0 }}>
              <InfoRow label={t('overview.unit')}>
                {me.unit.name}
                <Text component="span" size="xs" c="dimmed" ml={6}>
                  {t(`unitTypes.${me.unit.type}`, { defaultValue: me.unit.type })}
                </Text>
              </InfoRow>
              <InfoRow label={t('overview.role')}>{t(`roles.${me.user.role}`)}</InfoRow>
              <InfoRow label={t('overview.username')}>
                <span className="mono">{me.user.username}</span>
              </InfoRow>
              <InfoRow label={t('overview.twoFactor')}>
                {me.user.totpEnabled ? (
                  <Badge color="green">{t('usersPage.totpOn')}</Badge>
                ) : (
                  <Badge color="gray">{t('usersPage.totpOff')}</Badge>
                )}
              </InfoRow>
              {me.user.lastLoginAt ? <InfoRow label={t('overview.lastLogin')}>{formatDateTime(me.user.lastLoginAt)}</InfoRow> : null}
            </dl>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" h="100%" component="section" aria-labelledby="overview-units">
            <Title order={2} size="h3" id="overview-units" mb="sm">
              {t('overview.unitsInScope')}
            </Title>
            {can('unit.read') ? <UnitCounts /> : <Text c="dimmed">{t('errors.forbidden')}</Text>}
          </Paper>
        </Grid.Col>
      </Grid>
      {modules.length > 0 ? (
        <Stack gap="sm" mt="lg" component="section" aria-labelledby="overview-modules">
          <Title order={2} size="h3" id="overview-modules">
            {t('overview.whatYouCanDo')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            {modules.map((module) => (
              <Paper key={module.to} withBorder p="md">
                <AnchorLink to={module.to} fw={700}>
                  {module.label}
                </AnchorLink>
                <Text size="sm" c="dimmed" mt={4}>
                  {module.text}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
    </>
  );
}
