import { CASE_TRANSITIONS, type CaseStatus } from '@binh-an/domain';
import { Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { IconArrowLeft } from '../tips/tips-icons.tsx';
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

function BackLink() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/cases" search={lastRegisterSearch()} size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} />
      {t('casesPage.detail.backToList')}
    </AnchorLink>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

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
          <Fact label={t('casesPage.fields.wardRef')}>
            <span className="mono">{item.wardRef}</span>
          </Fact>
        ) : null}
        <Fact label={t('casesPage.fields.type')}>{typeName(item.type)}</Fact>
        <Fact label={t('casesPage.fields.article')}>
          {item.penalCodeArticle ? t('casesPage.articleLong', { article: item.penalCodeArticle }) : t('casesPage.noArticle')}
        </Fact>
        <Fact label={t('casesPage.fields.group')}>{t(`cases.groups.${item.group}`)}</Fact>
        <Fact label={t('casesPage.fields.unit')}>{item.unitName}</Fact>
        <Fact label={t('casesPage.fields.occurredOn')}>{formatDate(item.occurredOn)}</Fact>
        <Fact label={t('casesPage.fields.discoveredOn')}>{formatDate(item.discoveredOn)}</Fact>
        {item.clearedOn ? <Fact label={t('casesPage.fields.clearedOn')}>{formatDate(item.clearedOn)}</Fact> : null}
        <Fact label={t('casesPage.fields.place')}>{item.place ? <span className="cases-prose">{item.place}</span> : notGiven}</Fact>
        <Fact label={t('casesPage.fields.officers')}>{officersText(item.officers, t)}</Fact>
        <Fact label={t('casesPage.fields.summary')}>
          <Text size="sm" className="cases-prose" component="span" display="block">
            {item.summary}
          </Text>
        </Fact>
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

  if (query.isPending) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('casesPage.detail.loadingTitle')} />
        <LoadingState />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('casesPage.detail.notFoundTitle')} />
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const item = query.data;

  return (
    <>
      <BackLink />
      <PageHeader title={t('casesPage.detail.title', { number: item.number })} />
      <Group gap={6} wrap="wrap" mt={-8} mb="md">
        <CaseStatusBadge status={item.status} />
        <Text component="span" size="sm" c="dimmed">
          {t('casesPage.detail.accessLogged')}
        </Text>
      </Group>
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
    </>
  );
}
