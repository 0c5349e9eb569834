import { CASE_TRANSITIONS, type CaseStatus } from '@binh-an/domain';
import { Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DetailFact, DetailPageShell } from '../../ui/detail-page-shell.tsx';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import {
  type CaseDetail,
  caseQueryOptions,
  lastRegisterSearch,
  moveCase,
  moveRefusalMessage,
  useApplyCaseChange,
  useCaseTypeName,
} from './api.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { CaseStatusBadge, officersText } from './case-parts.tsx';
import { CasePeople } from './case-people.tsx';
import { CaseSeizures } from './case-seizures.tsx';
import { CaseTips } from './case-tips.tsx';
import './cases.css';

const routeApi = getRouteApi('/signed-in/cases/$caseId');

/** Moves that cannot be taken back from the screen get a dialog naming the case and the consequence. */
const CONFIRMED_MOVES: readonly CaseStatus[] = ['closed_no_crime', 'transferred', 'prosecuted'];

function FactsSection({ item, canManage }: { item: CaseDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const typeName = useCaseTypeName();
  const [isEditOpen, setEditOpen] = useState(false);
  const units = useAllUnits().data ?? [];
  const notGiven = (
    <Text component="span" size="sm" c="dimmed">
      {t('casesPage.detail.notGiven')}
    </Text>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-facts-title">
      <Group justify="space-between" align="center" mb="sm">
        <Title order={2} size="h3" id="case-facts-title">
          {t('casesPage.detail.factsTitle')}
        </Title>
        {canManage ? (
          <Button variant="outline" size="xs" onClick={() => setEditOpen(true)}>
            {t('casesPage.detail.edit')}
          </Button>
        ) : null}
      </Group>
      {canManage && isEditOpen ? (
        <CaseFormModal key={item.updatedAt} opened units={units} editing={item} onClose={() => setEditOpen(false)} />
      ) : null}
      <dl className="cases-facts">
        {item.wardRef ? (
          <DetailFact label={t('casesPage.fields.wardRef')}>
            <span className="mono">{item.wardRef}</span>
          </DetailFact>
        ) : null}
        <DetailFact label={t('casesPage.fields.type')}>{typeName(item.type)}</DetailFact>
        <DetailFact label={t('casesPage.fields.article')}>
          {item.penalCodeArticle ? t('casesPage.articleLong', { article: item.penalCodeArticle }) : t('casesPage.noArticle')}
        </DetailFact>
        <DetailFact label={t('casesPage.fields.group')}>{t(`cases.groups.${item.group}`)}</DetailFact>
        <DetailFact label={t('casesPage.fields.unit')}>{item.unitName}</DetailFact>
        <DetailFact label={t('casesPage.fields.occurredOn')}>{formatDate(item.occurredOn)}</DetailFact>
        <DetailFact label={t('casesPage.fields.discoveredOn')}>{formatDate(item.discoveredOn)}</DetailFact>
        {item.clearedOn ? <DetailFact label={t('casesPage.fields.clearedOn')}>{formatDate(item.clearedOn)}</DetailFact> : null}
        <DetailFact label={t('casesPage.fields.place')}>
          {item.place ? <span className="cases-prose">{item.place}</span> : notGiven}
        </DetailFact>
        <DetailFact label={t('casesPage.fields.officers')}>{officersText(item.officers, t)}</DetailFact>
        <DetailFact label={t('casesPage.fields.summary')}>
          <Text size="sm" className="cases-prose" component="span" display="block">
            {item.summary}
          </Text>
        </DetailFact>
      </dl>
    </Paper>
  );
}

function StatusSection({ item, canManage }: { item: CaseDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const applyChange = useApplyCaseChange();
  const [pending, setPending] = useState<CaseStatus | null>(null);
  const next = CASE_TRANSITIONS[item.status];

  const mutation = useMutation({
    mutationFn: (to: CaseStatus) => moveCase(item.id, to),
    onSuccess: async (updated, to) => {
      setPending(null);
      notifySuccess(t('casesPage.detail.status.moved', { number: updated.number, status: t(`cases.statuses.${to}`) }));
      await applyChange(updated);
    },
  });
  const refusal = moveRefusalMessage(mutation.error);

  const labelOf = (to: CaseStatus) =>
    to === 'verifying' && item.status === 'closed_no_crime'
      ? t('casesPage.detail.status.reopen')
      : t(`casesPage.detail.status.moveTo.${to}`);

  const start = (to: CaseStatus) => {
    mutation.reset();
    if (CONFIRMED_MOVES.includes(to)) setPending(to);
    else mutation.mutate(to);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-status-title">
      <Title order={2} size="h3" id="case-status-title" mb="sm">
        {t('casesPage.detail.status.title')}
      </Title>
      <Group gap="xs" mb="sm" wrap="wrap">
        <Text size="sm" fw={700}>
          {t('casesPage.detail.status.current')}:
        </Text>
        <CaseStatusBadge status={item.status} />
      </Group>
      {next.length === 0 ? (
        <Text size="sm">{t('casesPage.detail.status.final')}</Text>
      ) : canManage ? (
        <Stack gap="xs">
          <Text size="sm" fw={700} id="case-next-steps">
            {t('casesPage.detail.status.next')}
          </Text>
          <Group gap="xs" wrap="wrap" role="group" aria-labelledby="case-next-steps">
            {next.map((to) => (
              <Button
                key={to}
                variant={to === 'closed_no_crime' ? 'outline' : 'filled'}
                color={to === 'closed_no_crime' ? 'red' : undefined}
                onClick={() => start(to)}
                loading={mutation.isPending && mutation.variables === to && pending === null}
                disabled={mutation.isPending}
              >
                {labelOf(to)}
              </Button>
            ))}
          </Group>
          {pending === null ? <FormErrorAlert message={refusal} title={t('casesPage.detail.status.refused')} /> : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('casesPage.detail.readOnly')}
        </Text>
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? t(`casesPage.detail.status.confirm.${pending}.title`) : ''}
        message={pending ? t(`casesPage.detail.status.confirm.${pending}.text`, { number: item.number }) : ''}
        confirmLabel={pending ? labelOf(pending) : ''}
        isDanger={pending === 'closed_no_crime'}
        onConfirm={() => pending && mutation.mutate(pending)}
        onClose={() => {
          setPending(null);
          mutation.reset();
        }}
        isLoading={mutation.isPending}
        error={pending ? refusal : null}
      />
    </Paper>
  );
}

/** One case: its facts, its status and next steps, the people, the seized items and the tips that led to it. */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const { caseId } = routeApi.useParams();
  const can = useCan();
  const canManage = can('case.manage');
  const canReadTips = can('tip.read');
  const query = useQuery(caseQueryOptions(caseId));

  return (
    <DetailPageShell
      query={query}
      back={{ to: '/cases', search: lastRegisterSearch(), label: t('casesPage.detail.backToList') }}
      loadingTitle={t('casesPage.detail.loadingTitle')}
      errorTitle={t('casesPage.detail.notFoundTitle')}
      title={(item) => t('casesPage.detail.title', { number: item.number })}
      meta={(item) => (
        <>
          <CaseStatusBadge status={item.status} />
          <Text component="span" size="sm" c="dimmed">
            {t('casesPage.detail.accessLogged')}
          </Text>
        </>
      )}
    >
      {(item) => (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <FactsSection item={item} canManage={canManage} />
              <CasePeople key={`people-${item.id}`} item={item} canManage={canManage} />
              <CaseSeizures key={`seizures-${item.id}`} item={item} canManage={canManage} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <StatusSection item={item} canManage={canManage} />
              <CaseTips key={`tips-${item.id}`} item={item} canManage={canManage && canReadTips} canOpenTips={canReadTips} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </DetailPageShell>
  );
}
