import { addDays } from '@binh-an/domain';
import { Alert, Anchor, Button, CopyButton, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDateTime, todayInVietnam } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconCopy, IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useMe } from '../auth/hooks.ts';
import {
  type CalendarFeed,
  createCalendarFeed,
  type PatrolMe,
  patrolMeQueryOptions,
  patrolsQueryKey,
  revokeCalendarFeed,
  shiftsQueryOptions,
} from './api.ts';
import { writeDeviceUser } from './offline/outbox.ts';
import { startOutboxSync } from './offline/outbox-state.ts';
import { registerServiceWorker } from './offline/register-service-worker.ts';
import { OutboxPanel } from './outbox-panel.tsx';
import './patrols.css';

type Membership = PatrolMe['memberships'][number];

/** "Ca tuần tra": the patrol member's phone home — my teams, my next shifts, the phone calendar, what waits to be sent. */
export function FieldPage() {
  const { t } = useTranslation();
  const me = useMe();
  const today = todayInVietnam();
  const patrolMe = useQuery(patrolMeQueryOptions);
  const shifts = useQuery({ ...shiftsQueryOptions({ from: today, to: addDays(today, 14), mine: true }), enabled: patrolMe.isSuccess });

  useEffect(() => {
    registerServiceWorker();
    void writeDeviceUser(me.user.id).catch(() => undefined);
    return startOutboxSync(me.user.id);
  }, [me.user.id]);

  const memberships = patrolMe.data?.memberships ?? [];
  const upcoming = (shifts.data?.items ?? []).filter((s) => !s.cancelled);

  return (
    <>
      <PageHeader title={t('patrolsPage.field.title')} description={t('patrolsPage.field.description')} />
      <Stack gap="md" maw="48rem">
        <Button component={Link} to="/patrols/record" size="lg" leftSection={<IconPlus size={18} />} fullWidth>
          {t('patrolsPage.field.record')}
        </Button>
        <OutboxPanel userId={me.user.id} />

        <Paper withBorder p="md" component="section" aria-labelledby="patrol-my-teams">
          <Title order={2} size="h3" id="patrol-my-teams" mb="sm">
            {t('patrolsPage.field.myTeams')}
          </Title>
          {patrolMe.isPending ? <LoadingState /> : null}
          {patrolMe.isError ? <ErrorAlert error={patrolMe.error} onRetry={() => void patrolMe.refetch()} /> : null}
          {patrolMe.isSuccess && memberships.length === 0 ? (
            <Text size="sm">{patrolMe.data.canManage ? t('patrolsPage.field.noTeamsOfficer') : t('patrolsPage.field.noTeams')}</Text>
          ) : null}
          <Stack gap="md">
            {memberships.map((m) => (
              <MembershipCard key={m.memberId} membership={m} />
            ))}
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="patrol-next-shifts">
          <Title order={2} size="h3" id="patrol-next-shifts" mb="sm">
            {t('patrolsPage.field.nextShifts')}
          </Title>
          {shifts.isPending && patrolMe.isSuccess && memberships.length > 0 ? <LoadingState /> : null}
          {shifts.isError ? <ErrorAlert error={shifts.error} onRetry={() => void shifts.refetch()} /> : null}
          {shifts.isSuccess && upcoming.length === 0 ? (
            <EmptyState title={t('patrolsPage.field.noShiftsTitle')} description={t('patrolsPage.field.noShiftsText')} headingOrder={3} />
          ) : null}
          {upcoming.length > 0 ? (
            <ul className="patrol-plain-list">
              {upcoming.map((s) => (
                <li key={s.id}>
                  <Text fw={700}>
                    {formatDateTime(s.startsAt)}–{formatDateTime(s.endsAt).slice(11)}
                  </Text>
                  <Text size="sm">
                    {s.teamName}
                    {s.routeName ? ` · ${s.routeName}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {s.members.map((m) => m.fullName).join(', ')}
                  </Text>
                </li>
              ))}
            </ul>
          ) : null}
        </Paper>
      </Stack>
    </>
  );
}

function MembershipCard({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [isRevoking, setRevoking] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'me'] });
  const create = useMutation({
    mutationFn: () => createCalendarFeed(membership.memberId),
    onSuccess: async (made) => {
      setFeed(made);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: () => revokeCalendarFeed(membership.memberId),
    onSuccess: async () => {
      setRevoking(false);
      notifySuccess(t('patrolsPage.calendar.revoked'));
      await refresh();
    },
  });
  const titleId = `membership-${membership.memberId}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={titleId}>
      <Text fw={700} id={titleId}>
        {membership.teamName}
      </Text>
      <Text size="sm">
        {t(`patrols.teamKinds.${membership.teamKind}`)} · {t(`patrols.memberRoles.${membership.role}`)}
      </Text>
      <Text size="sm" mt="xs">
        {membership.hasCalendarFeed ? t('patrolsPage.calendar.active') : t('patrolsPage.calendar.none')}
      </Text>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <Group gap="xs" mt="xs" wrap="wrap">
        <Button
          size="md"
          variant={membership.hasCalendarFeed ? 'outline' : 'filled'}
          loading={create.isPending}
          onClick={() => create.mutate()}
        >
          {membership.hasCalendarFeed ? t('patrolsPage.calendar.renew') : t('patrolsPage.calendar.add')}
        </Button>
        {membership.hasCalendarFeed ? (
          <Button size="md" variant="subtle" color="red" onClick={() => setRevoking(true)}>
            {t('patrolsPage.calendar.revoke')}
          </Button>
        ) : null}
      </Group>
      <Modal
        opened={feed !== null}
        onClose={() => setFeed(null)}
        title={t('patrolsPage.calendar.madeTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {feed ? (
          <Stack gap="sm">
            <Alert color="orange" variant="light" title={t('patrolsPage.calendar.onceTitle')}>
              {t('patrolsPage.calendar.onceText')}
            </Alert>
            <Button component="a" href={feed.webcalUrl} size="md">
              {t('patrolsPage.calendar.open')}
            </Button>
            <TextInput label={t('patrolsPage.calendar.url')} value={feed.url} readOnly onFocus={(event) => event.currentTarget.select()} />
            <CopyButton value={feed.url} timeout={3000}>
              {({ copied, copy }) => (
                <Button variant="outline" leftSection={<IconCopy size={16} />} onClick={copy}>
                  {copied ? t('common.copied') : t('patrolsPage.calendar.copy')}
                </Button>
              )}
            </CopyButton>
            <Text size="sm">
              {t('patrolsPage.calendar.howTo')}{' '}
              <Anchor href={feed.webcalUrl} size="sm">
                {t('patrolsPage.calendar.webcal')}
              </Anchor>
            </Text>
          </Stack>
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={isRevoking}
        title={t('patrolsPage.calendar.revokeTitle')}
        message={t('patrolsPage.calendar.revokeMessage', { team: membership.teamName })}
        confirmLabel={t('patrolsPage.calendar.revokeConfirm')}
        onConfirm={() => revoke.mutate()}
        onClose={() => setRevoking(false)}
        isLoading={revoke.isPending}
        error={revoke.isError ? describeError(revoke.error) : null}
      />
    </Paper>
  );
}
