import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { DetailFact, DetailPageShell } from '../../ui/detail-page-shell.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useCan } from '../auth/hooks.ts';
import { handIncidentToPolice, lastRoundSearch, type PatrolRound, patrolsQueryKey, roundQueryOptions } from './api.ts';
import { IncidentEditDialog, RoundEditDialog } from './round-edit.tsx';
import './patrols.css';

const routeApi = getRouteApi('/signed-in/patrols/rounds/$roundId');

type Incident = PatrolRound['incidents'][number];

/** One round of the patrol log: times planned and actual, participants, checkpoints, residence checks and incidents. */
export function RoundPage() {
  const { t } = useTranslation();
  const { roundId } = routeApi.useParams();
  const query = useQuery(roundQueryOptions(roundId));
  const can = useCan();
  const [isEditing, setEditing] = useState(false);
  return (
    <DetailPageShell
      query={query}
      back={{ to: '/patrols/rounds', search: lastRoundSearch(), label: t('patrolsPage.rounds.title') }}
      loadingTitle={t('patrolsPage.round.loading')}
      errorTitle={t('patrolsPage.round.notFound')}
      title={(round) => t('patrolsPage.round.title', { team: round.teamName, when: formatDateTime(round.startedAt) })}
      meta={(round) => (
        <>
          <Badge variant="light" tt="none">
            {t('patrolsPage.round.turns', { total: formatNumber(round.turns.total) })}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('patrolsPage.round.accessLogged')}
          </Text>
        </>
      )}
      actions={() =>
        can('patrol.record') ? (
          <Button variant="outline" onClick={() => setEditing(true)} aria-label={t('patrolsPage.edit.roundAction')}>
            {t('patrolsPage.edit.action')}
          </Button>
        ) : null
      }
    >
      {(round) => (
        <>
          <RoundBody round={round} />
          {isEditing ? <RoundEditDialog round={round} onClose={() => setEditing(false)} /> : null}
        </>
      )}
    </DetailPageShell>
  );
}

function RoundBody({ round }: { round: PatrolRound }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const [handing, setHanding] = useState<Incident | null>(null);
  const [editingIncident, setEditingIncident] = useState<Incident | null>(null);
  const hand = useMutation({
    mutationFn: (incident: Incident) => handIncidentToPolice(round.id, incident.id),
    onSuccess: async (updated) => {
      queryClient.setQueryData(roundQueryOptions(round.id).queryKey, updated);
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'rounds'] });
      const handed = updated.incidents.find((i) => i.id === handing?.id);
      notifySuccess(t('patrolsPage.round.handed', { number: handed?.case?.number ?? '' }));
      setHanding(null);
    },
  });
  const canHand = can('patrol.record');

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="round-facts">
        <Title order={2} size="h3" id="round-facts" mb="sm">
          {t('patrolsPage.round.facts')}
        </Title>
        <dl className="patrol-facts">
          <DetailFact label={t('patrolsPage.rounds.team')}>
            <AnchorLink to="/patrols/teams/$teamId" params={{ teamId: round.teamId }}>
              {round.teamName}
            </AnchorLink>{' '}
            ({t(`patrols.teamKinds.${round.teamKind}`)})
          </DetailFact>
          <DetailFact label={t('patrolsPage.record.route')}>{round.routeName ?? t('patrolsPage.record.noRoute')}</DetailFact>
          <DetailFact label={t('patrolsPage.round.planned')}>
            {round.plannedStart
              ? `${formatDateTime(round.plannedStart)} – ${formatDateTime(round.plannedEnd)}`
              : t('patrolsPage.round.notPlanned')}
          </DetailFact>
          <DetailFact label={t('patrolsPage.round.actual')}>
            {formatDateTime(round.startedAt)} – {formatDateTime(round.endedAt)} (
            {t('patrolsPage.round.minutes', { count: formatNumber(round.durationMinutes) })})
          </DetailFact>
          <DetailFact label={t('patrolsPage.round.turnsLabel')}>
            {t('patrolsPage.round.turnsValue', {
              total: formatNumber(round.turns.total),
              officers: formatNumber(round.turns.officers),
              civilians: formatNumber(round.turns.civilians),
            })}
          </DetailFact>
          <DetailFact label={t('patrolsPage.round.recorded')}>
            {round.recordedOnDeviceAt
              ? t('patrolsPage.round.bothClocks', {
                  device: formatDateTime(round.recordedOnDeviceAt),
                  server: formatDateTime(round.recordedAt),
                  name: round.recordedBy?.name ?? '',
                })
              : t('patrolsPage.round.serverClock', { server: formatDateTime(round.recordedAt), name: round.recordedBy?.name ?? '' })}
          </DetailFact>
          {round.note ? <DetailFact label={t('patrolsPage.record.noteTitle')}>{round.note}</DetailFact> : null}
        </dl>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="round-people">
        <Title order={2} size="h3" id="round-people" mb="sm">
          {t('patrolsPage.record.peopleTitle')}
        </Title>
        <ul className="patrol-plain-list">
          {round.participants.map((p) => (
            <li key={p.id}>
              <Text size="sm">
                <b>{p.name}</b> — {t(`patrols.participantKinds.${p.kind}`)}
                {p.memberId ? '' : ` (${t('patrolsPage.round.guest')})`}
              </Text>
            </li>
          ))}
        </ul>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="round-checkpoints">
        <Title order={2} size="h3" id="round-checkpoints" mb="sm">
          {t('patrolsPage.round.checkpoints', {
            reached: formatNumber(round.checkpoints.length),
            planned: formatNumber(round.checkpointsPlanned),
          })}
        </Title>
        {round.checkpoints.length === 0 ? (
          <Text size="sm">{t('patrolsPage.round.noCheckpoints')}</Text>
        ) : (
          <DataTable
            caption={t('patrolsPage.round.checkpointsCaption')}
            minWidth={560}
            label={t('patrolsPage.record.checkpointsTitle')}
            isCompact
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('patrolsPage.round.checkpoint')}</Table.Th>
                <Table.Th scope="col">{t('patrolsPage.round.at')}</Table.Th>
                <Table.Th scope="col">{t('patrolsPage.round.method')}</Table.Th>
                <Table.Th scope="col">{t('patrolsPage.round.verified')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {round.checkpoints.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={500}>
                    {c.ordinal}. {c.name}
                  </Table.Th>
                  <Table.Td className="nowrap">{formatDateTime(c.at).slice(11)}</Table.Td>
                  <Table.Td>{t(`patrols.checkpointMethods.${c.method}`)}</Table.Td>
                  <Table.Td>
                    {c.verified ? t('patrolsPage.round.verifiedYes') : t('patrolsPage.round.verifiedNo')}
                    {c.distanceM !== null ? ` · ${t('patrolsPage.round.distance', { metres: formatNumber(c.distanceM) })}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="round-residence">
        <Title order={2} size="h3" id="round-residence" mb="sm">
          {t('patrolsPage.record.residenceTitle')}
        </Title>
        {round.residenceChecks.length === 0 ? (
          <Text size="sm">{t('patrolsPage.round.noResidence')}</Text>
        ) : (
          <ul className="patrol-plain-list">
            {round.residenceChecks.map((r) => (
              <li key={r.id}>
                <Text size="sm" fw={700}>
                  {r.address} — {t(`patrols.premises.${r.premises}`)}
                </Text>
                <Text size="sm">
                  {t('patrolsPage.round.peopleChecked', { count: formatNumber(r.peopleChecked) })} ·{' '}
                  {r.findings.length === 0 ? t('patrolsPage.round.inOrder') : r.findings.map((f) => t(`patrols.findings.${f}`)).join(', ')}
                  {r.action ? ` · ${t(`patrols.residenceActions.${r.action}`)}` : ''}
                </Text>
                {r.note ? (
                  <Text size="sm" c="dimmed">
                    {r.note}
                  </Text>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="round-incidents">
        <Title order={2} size="h3" id="round-incidents" mb="sm">
          {t('patrolsPage.record.incidentsTitle')}
        </Title>
        {round.incidents.length === 0 ? (
          <Text size="sm">{t('patrolsPage.round.noIncidents')}</Text>
        ) : (
          <ul className="patrol-plain-list">
            {round.incidents.map((incident, index) => (
              <li key={incident.id}>
                <Text size="sm" fw={700}>
                  {t(`patrols.incidentTypes.${incident.type}`)} — {formatDateTime(incident.occurredAt)}
                  {incident.place ? ` — ${incident.place}` : ''}
                </Text>
                <Text size="sm" className="patrol-prose">
                  {incident.description}
                </Text>
                <Text size="sm">
                  {t('patrolsPage.record.handling')}: {t(`patrols.incidentHandlings.${incident.handling}`)}
                  {incident.handlingNote ? ` — ${incident.handlingNote}` : ''}
                </Text>
                {incident.case ? (
                  <Text size="sm">
                    {t('patrolsPage.round.caseRecorded', { date: formatDateTime(incident.handedAt) })}{' '}
                    {can('case.read') ? (
                      <AnchorLink to="/cases/$caseId" params={{ caseId: incident.case.id }}>
                        {incident.case.number}
                      </AnchorLink>
                    ) : (
                      incident.case.number
                    )}
                  </Text>
                ) : null}
                {canHand ? (
                  <Group gap="xs" mt={4}>
                    <Button
                      size="sm"
                      variant="default"
                      onClick={() => setEditingIncident(incident)}
                      aria-label={t('patrolsPage.edit.incidentAction', { n: formatNumber(index + 1) })}
                    >
                      {t('patrolsPage.edit.action')}
                    </Button>
                    {incident.case ? null : (
                      <Button size="sm" variant="outline" color="red" onClick={() => setHanding(incident)}>
                        {t('patrolsPage.round.handToPolice')}
                      </Button>
                    )}
                  </Group>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Paper>
      <ConfirmDialog
        opened={handing !== null}
        title={t('patrolsPage.round.handTitle')}
        message={
          handing
            ? t('patrolsPage.round.handMessage', {
                type: t(`patrols.incidentTypes.${handing.type}`),
                when: formatDateTime(handing.occurredAt),
              })
            : ''
        }
        confirmLabel={t('patrolsPage.round.handConfirm')}
        onConfirm={() => handing && hand.mutate(handing)}
        onClose={() => setHanding(null)}
        isLoading={hand.isPending}
        error={hand.isError ? describeError(hand.error) : null}
      />
      {editingIncident ? <IncidentEditDialog round={round} incident={editingIncident} onClose={() => setEditingIncident(null)} /> : null}
    </Stack>
  );
}
