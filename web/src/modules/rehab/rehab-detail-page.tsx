import { REHAB_DOSSIER_STATUSES, REHAB_TRANSITIONS, type RehabDossierStatus } from '@binh-an/domain';
import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { DetailFact, DetailPageShell } from '../../ui/detail-page-shell.tsx';
import { useCan } from '../auth/hooks.ts';
import { lastRehabSearch, type RehabDossier, rehabDossierQueryOptions } from './api.ts';
import { RehabAttachments, RehabMissing } from './rehab-attachments.tsx';
import { RehabMoveModal } from './rehab-move-modal.tsx';
import { RehabStatusBadge } from './rehab-parts.tsx';
import '../cases/cases.css';

const routeApi = getRouteApi('/signed-in/rehab/$dossierId');

function SubjectSection({ item }: { item: RehabDossier }) {
  const { t } = useTranslation();
  const notGiven = (
    <Text component="span" size="sm" c="dimmed">
      {t('rehabPage.detail.notGiven')}
    </Text>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rehab-subject-title">
      <Title order={2} size="h3" id="rehab-subject-title" mb="sm">
        {t('rehabPage.detail.subjectTitle')}
      </Title>
      <dl className="cases-facts">
        <DetailFact label={t('rehabPage.fields.name')}>{item.subject.name}</DetailFact>
        <DetailFact label={t('rehabPage.fields.birthYear')}>{item.subject.birthYear ?? notGiven}</DetailFact>
        <DetailFact label={t('rehabPage.fields.idNumber')}>
          {item.subject.idNumberMasked ? <span className="mono">{item.subject.idNumberMasked}</span> : notGiven}
        </DetailFact>
        <DetailFact label={t('rehabPage.fields.address')}>{item.subject.address || notGiven}</DetailFact>
        <DetailFact label={t('rehabPage.fields.ground')}>{t(`cases.rehab.grounds.${item.ground}`)}</DetailFact>
        <DetailFact label={t('rehabPage.fields.foundOn')}>{formatDate(item.foundOn)}</DetailFact>
      </dl>
    </Paper>
  );
}

function ClockSection({ item }: { item: RehabDossier }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rehab-clock-title">
      <Title order={2} size="h3" id="rehab-clock-title" mb="sm">
        {t('rehabPage.detail.clockTitle')}
      </Title>
      <Stack gap="xs">
        <Text size="sm">
          {t('rehabPage.detail.clockText', { foundOn: formatDate(item.foundOn), dueOn: formatDate(item.compileDueOn) })}
        </Text>
        {item.compiledOn ? (
          <Text size="sm" fw={700}>
            {t('rehabPage.detail.clockDone', { date: formatDate(item.compiledOn) })}
          </Text>
        ) : item.isCompileOverdue ? (
          <Alert color="red" variant="light" title={t('rehabPage.overdue')}>
            {t('rehabPage.detail.clockOverdue')}
          </Alert>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('rehabPage.detail.basis', { basis: item.compileBasis })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The day and detail of each step as the dossier records them. */
function stepDetail(item: RehabDossier, status: RehabDossierStatus, t: (key: string, options?: Record<string, unknown>) => string) {
  switch (status) {
    case 'opened':
      return formatDate(item.foundOn);
    case 'compiled':
      return formatDate(item.compiledOn);
    case 'sent_to_court':
      return [formatDate(item.sentToCourtOn), item.court].filter(Boolean).join(' — ');
    case 'decided':
      return item.decision
        ? t('rehabPage.detail.decisionText', {
            number: item.decision.number,
            date: formatDate(item.decision.date),
            outcome: t(`cases.rehab.outcomes.${item.decision.outcome}`),
          })
        : '';
    case 'carried_out':
      return formatDate(item.carriedOutOn);
    default:
      return '';
  }
}

function StepsSection({ item, canManage }: { item: RehabDossier; canManage: boolean }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<RehabDossierStatus | null>(null);
  const currentIndex = REHAB_DOSSIER_STATUSES.indexOf(item.status);
  const ended = item.status === 'carried_out' || (item.status === 'decided' && item.decision?.outcome === 'rejected');
  const next = ended ? [] : REHAB_TRANSITIONS[item.status];
  const labelOf = (to: RehabDossierStatus) =>
    REHAB_DOSSIER_STATUSES.indexOf(to) < currentIndex ? t('rehabPage.detail.back') : t(`rehabPage.detail.moveTo.${to}`);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rehab-steps-title">
      <Title order={2} size="h3" id="rehab-steps-title" mb="sm">
        {t('rehabPage.detail.stepsTitle')}
      </Title>
      <ol className="rehab-steps" style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {REHAB_DOSSIER_STATUSES.map((status, index) => {
          const state = index < currentIndex ? 'stepDone' : index === currentIndex ? 'stepCurrent' : 'stepPending';
          const detail = index <= currentIndex ? stepDetail(item, status, t) : '';
          return (
            <li key={status} aria-current={index === currentIndex ? 'step' : undefined} style={{ marginBottom: 6 }}>
              <Text size="sm" fw={index === currentIndex ? 700 : 400} c={index > currentIndex ? 'dimmed' : undefined}>
                {t(`cases.rehab.statuses.${status}`)} ({t(`rehabPage.detail.${state}`)})
              </Text>
              {detail ? (
                <Text size="xs" c="dimmed">
                  {detail}
                </Text>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Stack gap="xs" mt="md">
        {next.length === 0 ? (
          <Text size="sm">{t('rehabPage.detail.final')}</Text>
        ) : canManage ? (
          <>
            <Text size="sm" fw={700} id="rehab-next-steps">
              {t('rehabPage.detail.next')}
            </Text>
            <Group gap="xs" wrap="wrap" role="group" aria-labelledby="rehab-next-steps">
              {next.map((to) => (
                <Button
                  key={to}
                  variant={REHAB_DOSSIER_STATUSES.indexOf(to) < currentIndex ? 'outline' : 'filled'}
                  onClick={() => setPending(to)}
                >
                  {labelOf(to)}
                </Button>
              ))}
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('rehabPage.detail.readOnly')}
          </Text>
        )}
      </Stack>
      <RehabMoveModal item={item} to={pending} label={pending ? labelOf(pending) : ''} onClose={() => setPending(null)} />
    </Paper>
  );
}

/** One dossier: the person, the compile limit, the steps and the next ones, the documents and what is missing. */
export function RehabDetailPage() {
  const { t } = useTranslation();
  const { dossierId } = routeApi.useParams();
  const can = useCan();
  const canManage = can('case.manage');
  const query = useQuery(rehabDossierQueryOptions(dossierId));

  return (
    <DetailPageShell
      query={query}
      back={{ to: '/rehab', search: lastRehabSearch(), label: t('rehabPage.detail.backToList') }}
      loadingTitle={t('rehabPage.detail.loadingTitle')}
      errorTitle={t('rehabPage.detail.notFoundTitle')}
      title={(item) => t('rehabPage.detail.title', { number: item.number })}
      meta={(item) => (
        <>
          <RehabStatusBadge status={item.status} />
          <Text component="span" size="sm" c="dimmed">
            {t('rehabPage.detail.accessLogged')}
          </Text>
        </>
      )}
    >
      {(item) => (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <SubjectSection item={item} />
              <ClockSection item={item} />
              <RehabAttachments key={`attachments-${item.id}`} item={item} canManage={canManage} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <StepsSection item={item} canManage={canManage} />
              <RehabMissing item={item} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </DetailPageShell>
  );
}
