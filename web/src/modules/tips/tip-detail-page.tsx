import { Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { lastInboxSearch, receptionRecordUrl, type TipDetail, tipQueryOptions, tipsQueryKey, useWorkingDayPredicate } from './api.ts';
import { TipActions } from './tip-actions.tsx';
import { TipContactPanel } from './tip-contact.tsx';
import { TipFiles } from './tip-files.tsx';
import { DeadlineLabel, TipStatusBadge, useNow } from './tip-parts.tsx';
import { TipThread } from './tip-thread.tsx';
import { IconArrowLeft, IconPrinter } from './tips-icons.tsx';
import './tips.css';

const routeApi = getRouteApi('/signed-in/tips/$tipId');

function BackLink() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/tips" search={lastInboxSearch()} size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} />
      {t('tipsPage.detail.backToList')}
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

function ContentSection({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const notGiven = (
    <Text component="span" size="sm" c="dimmed">
      {t('tipsPage.detail.notGiven')}
    </Text>
  );
  const coordinate = (value: number) => formatNumber(value, 6);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-content-title">
      <Title order={2} size="h3" id="tip-content-title" mb="sm">
        {t('tipsPage.detail.contentTitle')}
      </Title>
      <dl className="tips-facts">
        <Fact label={t('tipsPage.detail.what')}>
          <Text size="sm" className="tips-prose" component="span" display="block">
            {tip.what}
          </Text>
        </Fact>
        <Fact label={t('tipsPage.detail.place')}>{tip.place ? <span className="tips-prose">{tip.place}</span> : notGiven}</Fact>
        <Fact label={t('tipsPage.detail.when')}>{tip.when ? <span className="tips-prose">{tip.when}</span> : notGiven}</Fact>
        <Fact label={t('tipsPage.detail.who')}>{tip.who ? <span className="tips-prose">{tip.who}</span> : notGiven}</Fact>
        {tip.lat !== null && tip.lng !== null ? (
          <Fact label={t('tipsPage.detail.coordinates')}>
            <span className="mono">{t('tipsPage.detail.coordinatesValue', { lat: coordinate(tip.lat), lng: coordinate(tip.lng) })}</span>
          </Fact>
        ) : null}
      </dl>
    </Paper>
  );
}

function FactsSection({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const dash = '—';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-facts-title">
      <Title order={2} size="h3" id="tip-facts-title" mb="sm">
        {t('tipsPage.detail.factsTitle')}
      </Title>
      <dl className="tips-facts">
        <Fact label={t('tipsPage.fields.receivedOn')}>{formatDate(tip.receivedOn)}</Fact>
        <Fact label={t('tipsPage.fields.channel')}>{t(`tipsPage.channels.${tip.channel}`)}</Fact>
        <Fact label={t('tipsPage.fields.unit')}>{tip.unitName}</Fact>
        <Fact label={t('tipsPage.fields.classification')}>
          {tip.classification ? t(`tipsPage.classes.${tip.classification}`) : t('tipsPage.unclassified')}
        </Fact>
        <Fact label={t('tipsPage.fields.category')}>{tip.category ? t(`tipsPage.categories.${tip.category}`) : dash}</Fact>
        <Fact label={t('tipsPage.fields.urgency')}>{tip.urgency ? t(`tipsPage.urgencies.${tip.urgency}`) : dash}</Fact>
        <Fact label={t('tipsPage.fields.assignedTo')}>{tip.assignedTo?.name ?? t('tipsPage.unassigned')}</Fact>
        {tip.acceptedAt ? <Fact label={t('tipsPage.detail.acceptedAt')}>{formatDateTime(tip.acceptedAt)}</Fact> : null}
        {tip.transferredAt ? <Fact label={t('tipsPage.detail.transferredAt')}>{formatDateTime(tip.transferredAt)}</Fact> : null}
        {tip.transferredTo ? <Fact label={t('tipsPage.detail.transferredTo')}>{tip.transferredTo}</Fact> : null}
        {tip.outcome ? <Fact label={t('tipsPage.detail.outcome')}>{t(`tipsPage.outcomes.${tip.outcome}`)}</Fact> : null}
        {tip.closeReason ? <Fact label={t('tipsPage.detail.closeReason')}>{t(`tipsPage.closeReasons.${tip.closeReason}`)}</Fact> : null}
      </dl>
    </Paper>
  );
}

function ClocksSection({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const now = useNow();
  const isWorkingDay = useWorkingDayPredicate(can('calendar.read'));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-clocks-title">
      <Title order={2} size="h3" id="tip-clocks-title" mb="sm">
        {t('tipsPage.detail.clocksTitle')}
      </Title>
      {tip.clocks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tipsPage.detail.clocksEmpty')}
        </Text>
      ) : (
        <ul className="tips-clocks">
          {tip.clocks.map((clock) => (
            <li key={`${clock.kind}-${clock.dueAt}`}>
              <Text size="sm" fw={700}>
                {t(`tipsPage.clockKinds.${clock.kind}`, { defaultValue: clock.kind })}
              </Text>
              <DeadlineLabel clock={clock} now={now} isWorkingDay={isWorkingDay} />
              <Text size="xs" c="dimmed">
                {t('tipsPage.deadline.basis', { basis: clock.basis })}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}

/** One tip: its content, legal time limits, dialogue, files, the sender's identity on request, and the actions. */
export function TipDetailPage() {
  const { t } = useTranslation();
  const { tipId } = routeApi.useParams();
  const can = useCan();
  const canHandle = can('tip.triage');
  const query = useQuery(tipQueryOptions(tipId));
  const queryClient = useQueryClient();
  const loadedAt = query.dataUpdatedAt;
  // Reading a tip clears its "new from the sender" mark: the inbox lists are out of date from now on.
  useEffect(() => {
    if (loadedAt) void queryClient.invalidateQueries({ queryKey: [...tipsQueryKey, 'list'], refetchType: 'none' });
  }, [loadedAt, queryClient]);
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];

  if (query.isPending) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('tipsPage.detail.loadingTitle')} />
        <LoadingState />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('tipsPage.detail.notFoundTitle')} />
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const tip = query.data;

  return (
    <>
      <BackLink />
      <PageHeader
        title={t('tipsPage.detail.title', { number: tip.number })}
        actions={
          <Button
            component="a"
            href={receptionRecordUrl(tip.id)}
            target="_blank"
            rel="noopener"
            variant="outline"
            leftSection={<IconPrinter size={16} />}
            title={t('tipsPage.detail.printRecordHint')}
          >
            {t('tipsPage.detail.printRecord')}
          </Button>
        }
      />
      <Group gap={6} wrap="wrap" mt={-8} mb="md">
        <TipStatusBadge status={tip.status} />
        {tip.urgency === 'urgent' ? <Badge color="red">{t('tipsPage.urgentBadge')}</Badge> : null}
        {tip.hasUnreadFromSender ? <Badge color="brand">{t('tipsPage.unread')}</Badge> : null}
        <Text component="span" size="sm" c="dimmed">
          {t('tipsPage.detail.accessLogged')}
        </Text>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <ContentSection tip={tip} />
            <ClocksSection tip={tip} />
            <TipThread key={tip.id} tip={tip} canWrite={canHandle} />
            <TipFiles key={tip.id} tip={tip} canWrite={canHandle} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <FactsSection tip={tip} />
            <TipContactPanel key={tip.id} tip={tip} />
            {canHandle ? (
              <TipActions tip={tip} units={units} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('tipsPage.actions.noPermission')}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
