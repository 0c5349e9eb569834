import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { fetchTeams, type MediatorView, mediationKey, type TeamView } from './api.ts';
import { AddMediatorModal, CreateTeamModal, EditMediatorModal, EditTeamModal, LeaveMediatorModal } from './team-forms.tsx';

function TeamCard({ team, canManage }: { team: TeamView; canManage: boolean }) {
  const { t } = useTranslation();
  const [isAdding, setAdding] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const [editing, setEditingMember] = useState<MediatorView | null>(null);
  const [leaving, setLeaving] = useState<MediatorView | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`team-${team.id}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={`team-${team.id}`}>
          {team.name}
        </Title>
        <Badge color={team.problems.length ? 'orange' : 'green'} variant="light">
          {team.problems.length ? t('mediationPage.teams.warning') : t('mediationPage.teams.ok')}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {team.unitName} · {t('mediationPage.teams.serving', { count: team.serving })}
      </Text>
      {team.problems.length ? (
        <Alert color="orange" mt="xs" title={t('mediationPage.teams.warning')}>
          <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
            {team.problems.map((p) => (
              <li key={p.code}>
                {t(`mediation.composition.${p.code}`)} ({p.article})
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <DataTable caption={t('mediationPage.teams.membersCaption', { team: team.name })} minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('mediationPage.teams.name')}</Table.Th>
            <Table.Th scope="col">{t('mediationPage.teams.role')}</Table.Th>
            <Table.Th scope="col">{t('mediationPage.teams.gender')}</Table.Th>
            <Table.Th scope="col">{t('mediationPage.teams.recognition')}</Table.Th>
            <Table.Th scope="col">{t('mediationPage.teams.status')}</Table.Th>
            {canManage ? <Table.Th scope="col">{t('mediationPage.teams.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.fullName}</Table.Td>
              <Table.Td>
                {t(`mediation.memberRoles.${m.role}`)}
                {m.leaderVote ? (
                  <Text size="xs">{t('mediationPage.teams.voteShown', { for: m.leaderVote.for, total: m.leaderVote.total })}</Text>
                ) : null}
              </Table.Td>
              <Table.Td>{t(`mediation.genders.${m.gender}`)}</Table.Td>
              <Table.Td>
                {m.recognisedOn ? (
                  t('mediationPage.teams.recognisedOn', { date: formatDate(m.recognisedOn) })
                ) : m.recognition ? (
                  <Stack gap={2}>
                    <Badge color={m.recognition.isOverdue ? 'red' : 'yellow'} variant="light">
                      {m.recognition.isOverdue ? t('mediationPage.teams.overdue') : t('mediationPage.teams.pending')}
                    </Badge>
                    <Text size="xs">{t('mediationPage.teams.dueOn', { date: formatDate(m.recognition.dueOn) })}</Text>
                  </Stack>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                {m.leftOn
                  ? t('mediationPage.teams.leftOn', { date: formatDate(m.leftOn) })
                  : m.trainedOn
                    ? t('mediationPage.teams.trainedOn', { date: formatDate(m.trainedOn) })
                    : '—'}
              </Table.Td>
              {canManage ? (
                <Table.Td>
                  {m.leftOn ? null : (
                    <Group gap={4} wrap="wrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t('mediationPage.teams.editMemberTitle', { name: m.fullName })}
                        onClick={() => setEditingMember(m)}
                      >
                        {t('mediationPage.teams.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('mediationPage.teams.leaveTitle', { name: m.fullName })}
                        onClick={() => setLeaving(m)}
                      >
                        {t('mediationPage.teams.leave')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {canManage ? (
        <Group mt="sm" wrap="wrap">
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            {t('mediationPage.teams.addMember')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            {t('mediationPage.teams.editTeam')}
          </Button>
        </Group>
      ) : null}
      {isAdding ? <AddMediatorModal team={team} onClose={() => setAdding(false)} /> : null}
      {isEditing ? <EditTeamModal team={team} onClose={() => setEditing(false)} /> : null}
      {editing ? <EditMediatorModal team={team} member={editing} onClose={() => setEditingMember(null)} /> : null}
      {leaving ? <LeaveMediatorModal team={team} member={leaving} onClose={() => setLeaving(null)} /> : null}
    </Card>
  );
}

/** The mediation teams in reach, with the composition warnings (Art. 12.1) and the recognition clocks. */
export function MediationTeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const query = useQuery({ queryKey: [...mediationKey, 'teams'], queryFn: fetchTeams });
  const [isCreating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('mediationPage.teams.title')} description={t('mediationPage.teams.description')} />
      {can('mediation.teams') ? (
        <Group mb="md">
          <Button onClick={() => setCreating(true)}>{t('mediationPage.teams.create')}</Button>
        </Group>
      ) : null}
      {isCreating ? <CreateTeamModal onClose={() => setCreating(false)} /> : null}
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data && query.data.items.length === 0 ? <EmptyState title={t('mediationPage.teams.empty')} description="" /> : null}
      <Stack>
        {query.data?.items.map((team) => (
          <TeamCard key={team.id} team={team} canManage={can('mediation.teams')} />
        ))}
      </Stack>
    </>
  );
}
