import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError } from '../../lib/forms.ts';
import { DetailFact, DetailPageShell } from '../../ui/detail-page-shell.tsx';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useCan } from '../auth/hooks.ts';
import { closeTeam, lastTeamSearch, type PatrolTeam, patrolsQueryKey, teamQueryOptions } from './api.ts';
import { TeamFormModal } from './team-form-modal.tsx';
import { TeamMembers } from './team-members.tsx';
import { TeamRatingsSection } from './team-ratings.tsx';
import { TeamRoutes } from './team-routes.tsx';
import { TeamSchedules } from './team-schedules.tsx';
import './patrols.css';

const routeApi = getRouteApi('/signed-in/patrols/teams/$teamId');

/** One team: its facts, members, yearly ratings, routes with their checkpoints, schedules and upcoming shifts. */
export function TeamPage() {
  const { t } = useTranslation();
  const { teamId } = routeApi.useParams();
  const query = useQuery(teamQueryOptions(teamId));
  const can = useCan();
  const canManage = can('patrol.manage');
  const [isClosing, setClosing] = useState(false);
  const [isEditing, setEditing] = useState(false);

  return (
    <DetailPageShell
      query={query}
      back={{ to: '/patrols/teams', search: lastTeamSearch(), label: t('patrolsPage.teams.title') }}
      loadingTitle={t('patrolsPage.team.loading')}
      errorTitle={t('patrolsPage.team.notFound')}
      title={(team) => team.name}
      meta={(team) => (
        <>
          <Badge variant="light" tt="none">
            {t(`patrols.teamKinds.${team.kind}`)}
          </Badge>
          <Badge variant="light" color={team.isActive ? 'green' : 'gray'} tt="none">
            {team.isActive ? t('patrolsPage.teams.statuses.active') : t('patrolsPage.teams.closedOn', { date: formatDate(team.closedOn) })}
          </Badge>
          {team.isMine ? (
            <Badge variant="light" tt="none">
              {t('patrolsPage.teams.mine')}
            </Badge>
          ) : null}
        </>
      )}
      actions={(team) =>
        canManage ? (
          <Group gap="sm">
            <Button variant="outline" onClick={() => setEditing(true)}>
              {t('patrolsPage.edit.teamAction')}
            </Button>
            {team.isActive ? (
              <Button variant="outline" color="red" onClick={() => setClosing(true)}>
                {t('patrolsPage.team.close')}
              </Button>
            ) : null}
          </Group>
        ) : null
      }
    >
      {(team) => (
        <Stack gap="md">
          <Paper withBorder p="md" component="section" aria-labelledby="team-facts">
            <Title order={2} size="h3" id="team-facts" mb="sm">
              {t('patrolsPage.team.facts')}
            </Title>
            <dl className="patrol-facts">
              <DetailFact label={t('patrolsPage.teams.kind')}>
                {t(`patrols.teamKinds.${team.kind}`)} ({t(`patrols.participantKinds.${team.force}`)})
              </DetailFact>
              <DetailFact label={t('patrolsPage.teamForm.unit')}>{team.unitName}</DetailFact>
              <DetailFact label={t('patrolsPage.teams.area')}>{team.area.map((u) => u.name).join(', ') || t('common.notSet')}</DetailFact>
              <DetailFact label={t('patrolsPage.teams.establishedOn')}>{formatDate(team.establishedOn)}</DetailFact>
              <DetailFact label={t('patrolsPage.teamForm.decisionRef')}>{team.decisionRef ?? t('common.notSet')}</DetailFact>
              <DetailFact label={t('patrolsPage.teams.leader')}>{team.leader?.fullName ?? t('common.notSet')}</DetailFact>
              <DetailFact label={t('patrolsPage.teams.members')}>{formatNumber(team.memberCount)}</DetailFact>
              {team.closeReason ? <DetailFact label={t('patrolsPage.team.closeReason')}>{team.closeReason}</DetailFact> : null}
              {team.note ? <DetailFact label={t('patrolsPage.teamForm.note')}>{team.note}</DetailFact> : null}
            </dl>
            {team.isLegacy ? (
              <Text size="sm" mt="sm">
                {t('patrols.kind.legacyAfterLaw')}
              </Text>
            ) : null}
          </Paper>
          <TeamMembers team={team} canManage={canManage} />
          <TeamRatingsSection team={team} canManage={canManage} />
          <TeamRoutes team={team} canManage={canManage} />
          <TeamSchedules team={team} canManage={canManage} />
          <CloseTeamModal team={team} opened={isClosing} onClose={() => setClosing(false)} />
          {isEditing ? <TeamFormModal opened team={team} onClose={() => setEditing(false)} /> : null}
        </Stack>
      )}
    </DetailPageShell>
  );
}

function CloseTeamModal({ team, opened, onClose }: { team: PatrolTeam; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [closedOn, setClosedOn] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: { closedOn: string; reason?: string }) => closeTeam(team.id, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(teamQueryOptions(team.id).queryKey, updated);
      await queryClient.invalidateQueries({ queryKey: patrolsQueryKey });
      notifySuccess(t('patrolsPage.team.closed', { name: team.name }));
      onClose();
    },
    onError: (e) => {
      const split = splitSubmitError(e, ['closedOn', 'reason']);
      setError(split.fieldErrors.closedOn ?? null);
      setFormError(split.formError);
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('patrolsPage.team.closeTitle', { name: team.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const day = parseDateInput(closedOn || '');
          if (!day) {
            setError(t('patrolsPage.dateInvalid'));
            return;
          }
          mutation.mutate({ closedOn: day, ...(reason.trim() ? { reason } : {}) });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('patrolsPage.team.closeText')}</Text>
          <FormErrorAlert message={formError} />
          <TextInput
            label={t('patrolsPage.team.closedOnLabel')}
            {...requiredField}
            placeholder={formatDate(todayInVietnam())}
            inputMode="numeric"
            value={closedOn}
            onChange={(e) => setClosedOn(e.currentTarget.value)}
            error={error}
          />
          <Textarea label={t('patrolsPage.team.closeReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending}>
              {t('patrolsPage.team.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
