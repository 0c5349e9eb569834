import { PATROL_RATINGS, type PatrolRating, ratingYearOf } from '@binh-an/domain';
import { Button, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { type PatrolTeam, rateMember, rateTeam, ratingsQueryOptions, type TeamRatings } from './api.ts';

type Target = { kind: 'team'; name: string } | { kind: 'member'; id: string; name: string };

/** The yearly ratings (15/11 → 14/11, HD 01/HD-BCA-V05) of the team and its members, with the ward's "excellent" quota. */
export function TeamRatingsSection({ team, canManage }: { team: PatrolTeam; canManage: boolean }) {
  const { t } = useTranslation();
  const current = ratingYearOf(todayInVietnam());
  const [year, setYear] = useState(current);
  const query = useQuery(ratingsQueryOptions(team.id, year));
  const [target, setTarget] = useState<Target | null>(null);
  const years = Array.from({ length: 6 }, (_, i) => String(current - i));
  const data = query.data;
  const levelOf = (r: TeamRatings['team']) => (r ? t(`patrols.ratings.${r.level}`) : t('patrolsPage.ratings.notRated'));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-ratings">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="team-ratings">
          {t('patrolsPage.ratings.title')}
        </Title>
        <Select
          label={t('patrolsPage.ratings.year')}
          data={years}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={140}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {data ? (
        <Stack gap="sm">
          <Text size="sm">{t('patrolsPage.ratings.period', { from: formatDate(data.period.from), to: formatDate(data.period.to) })}</Text>
          <Group gap="sm" wrap="wrap">
            <Text fw={700}>
              {t('patrolsPage.ratings.teamLevel')}: {levelOf(data.team)}
            </Text>
            {canManage && data.teamRatable ? (
              <Button size="xs" variant="outline" onClick={() => setTarget({ kind: 'team', name: team.name })}>
                {t('patrolsPage.ratings.rateTeam')}
              </Button>
            ) : null}
            {!data.teamRatable ? (
              <Text size="sm" c="dimmed">
                {t('patrolsPage.ratings.teamNotRatable')}
              </Text>
            ) : null}
          </Group>
          <DataTable caption={t('patrolsPage.ratings.caption', { year })} minWidth={560} label={t('patrolsPage.ratings.title')} isCompact>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('patrolsPage.members.fullName')}</Table.Th>
                <Table.Th scope="col">{t('patrolsPage.members.role')}</Table.Th>
                <Table.Th scope="col">{t('patrolsPage.ratings.level')}</Table.Th>
                {canManage ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.members.map((m) => (
                <Table.Tr key={m.memberId}>
                  <Table.Th scope="row" fw={700}>
                    {m.fullName}
                  </Table.Th>
                  <Table.Td>{t(`patrols.memberRoles.${m.role}`)}</Table.Td>
                  <Table.Td>
                    {levelOf(m.rating)}
                    {m.reason ? (
                      <Text size="xs" c="dimmed">
                        {m.reason}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      {m.ratable ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setTarget({ kind: 'member', id: m.memberId, name: m.fullName })}
                          aria-label={t('patrolsPage.ratings.rateNamed', { name: m.fullName })}
                        >
                          {t('patrolsPage.ratings.rate')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <Text size="sm" c={data.quota.withinQuota ? undefined : 'red.8'}>
            {t(data.quota.withinQuota ? 'patrolsPage.ratings.quota' : 'patrolsPage.ratings.quotaExceeded', {
              excellent: formatNumber(data.quota.excellent),
              good: formatNumber(data.quota.good),
              max: formatNumber(data.quota.maxExcellent),
            })}
          </Text>
        </Stack>
      ) : null}
      <RateModal teamId={team.id} year={year} target={target} onClose={() => setTarget(null)} />
    </Paper>
  );
}

function RateModal({ teamId, year, target, onClose }: { teamId: string; year: number; target: Target | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [level, setLevel] = useState<PatrolRating | null>(null);
  const [note, setNote] = useState('');
  const mutation = useMutation({
    mutationFn: (body: { level: PatrolRating; note?: string }) =>
      target?.kind === 'member' ? rateMember(target.id, year, body) : rateTeam(teamId, year, body),
    onSuccess: (data) => {
      queryClient.setQueryData(ratingsQueryOptions(teamId, year).queryKey, data);
      notifySuccess(t('patrolsPage.ratings.saved', { name: target?.name ?? '' }));
      setLevel(null);
      setNote('');
      onClose();
    },
  });
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? t('patrolsPage.ratings.modalTitle', { name: target.name, year }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (level) mutation.mutate({ level, ...(note.trim() ? { note } : {}) });
        }}
      >
        <Stack gap="sm">
          <FormErrorAlert message={mutation.isError ? describeError(mutation.error) : null} />
          <Select
            label={t('patrolsPage.ratings.level')}
            data={PATROL_RATINGS.map((value) => ({ value, label: t(`patrols.ratings.${value}`) }))}
            value={level}
            onChange={(v) => setLevel(v as PatrolRating | null)}
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea label={t('patrolsPage.teamForm.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!level} loading={mutation.isPending}>
              {t('patrolsPage.ratings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
