import { MEMBER_GENDERS } from '@binh-an/domain';
import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { addMediator, fetchTeams, mediationKey, type TeamView } from './api.ts';

function AddMediatorModal({ team, onClose }: { team: TeamView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [fullName, setName] = useState('');
  const [gender, setGender] = useState<string | null>('female');
  const [joinedOn, setJoined] = useState(todayInVietnam());
  const [proposedOn, setProposed] = useState('');
  const save = useMutation({
    mutationFn: () => addMediator(team.id, { fullName, gender, role: 'member', joinedOn, ...(proposedOn ? { proposedOn } : {}) }),
    onSuccess: () => {
      notifySuccess(t('mediationPage.teams.added'));
      void client.invalidateQueries({ queryKey: mediationKey });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('mediationPage.teams.addMember')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{describeError(save.error)}</Alert> : null}
          <TextInput label={t('mediationPage.teams.name')} value={fullName} onChange={(e) => setName(e.currentTarget.value)} required />
          <Select
            label={t('mediationPage.teams.gender')}
            data={MEMBER_GENDERS.map((g) => ({ value: g, label: t(`mediation.genders.${g}`) }))}
            value={gender}
            onChange={setGender}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.joinedOn')}
            value={joinedOn}
            onChange={(e) => setJoined(e.currentTarget.value)}
            required
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.proposedOn')}
            value={proposedOn}
            onChange={(e) => setProposed(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('mediationPage.teams.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('mediationPage.teams.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TeamCard({ team, canManage }: { team: TeamView; canManage: boolean }) {
  const { t } = useTranslation();
  const [isAdding, setAdding] = useState(false);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4">
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
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.fullName}</Table.Td>
              <Table.Td>{t(`mediation.memberRoles.${m.role}`)}</Table.Td>
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
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {canManage ? (
        <Group mt="sm">
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            {t('mediationPage.teams.addMember')}
          </Button>
        </Group>
      ) : null}
      {isAdding ? <AddMediatorModal team={team} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

/** The mediation teams in reach, with the composition warnings (Art. 12.1) and the recognition clocks. */
export function MediationTeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const query = useQuery({ queryKey: [...mediationKey, 'teams'], queryFn: fetchTeams });
  return (
    <>
      <PageHeader title={t('mediationPage.teams.title')} description={t('mediationPage.teams.description')} />
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
