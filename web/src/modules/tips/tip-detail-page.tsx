import { Badge, Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { DetailFact, DetailPageShell } from '../../ui/detail-page-shell.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { lastInboxSearch, receptionRecordUrl, type TipDetail, tipQueryOptions, tipsQueryKey, useWorkingDayPredicate } from './api.ts';
import { TipActions } from './tip-actions.tsx';
import { TipContactPanel } from './tip-contact.tsx';
import { TipFiles } from './tip-files.tsx';
import { DeadlineLabel, TipStatusBadge, useNow } from './tip-parts.tsx';
import { TipThread } from './tip-thread.tsx';
import { IconPrinter } from './tips-icons.tsx';
import './tips.css';

const routeApi = getRouteApi('/signed-in/tips/$tipId');

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
        <DetailFact label={t('tipsPage.detail.what')}>
          <Text size="sm" className="tips-prose" component="span" display="block">
            {tip.what}
          </Text>
        </DetailFact>
        <DetailFact label={t('tipsPage.detail.place')}>{tip.place ? <span className="tips-prose">{tip.place}</span> : notGiven}</DetailFact>
        <DetailFact label={t('tipsPage.detail.when')}>{tip.when ? <span className="tips-prose">{tip.when}</span> : notGiven}</DetailFact>
        <DetailFact label={t('tipsPage.detail.who')}>{tip.who ? <span className="tips-prose">{tip.who}</span> : notGiven}</DetailFact>
        {tip.lat !== null && tip.lng !== null ? (
          <DetailFact label={t('tipsPage.detail.coordinates')}>
            <span className="mono">{t('tipsPage.detail.coordinatesValue', { lat: coordinate(tip.lat), lng: coordinate(tip.lng) })}</span>
          </DetailFact>
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
        <DetailFact label={t('tipsPage.fields.receivedOn')}>{formatDate(tip.receivedOn)}</DetailFact>
        <DetailFact label={t('tipsPage.fields.channel')}>{t(`tipsPage.channels.${tip.channel}`)}</DetailFact>
        <DetailFact label={t('tipsPage.fields.unit')}>{tip.unitName}</DetailFact>
        <DetailFact label={t('tipsPage.fields.classification')}>
          {tip.classification ? t(`tipsPage.classes.${tip.classification}`) : t('tipsPage.unclassified')}
        </DetailFact>
        <DetailFact label={t('tipsPage.fields.category')}>{tip.category ? t(`tipsPage.categories.${tip.category}`) : dash}</DetailFact>
        <DetailFact label={t('tipsPage.fields.urgency')}>{tip.urgency ? t(`tipsPage.urgencies.${tip.urgency}`) : dash}</DetailFact>
        <DetailFact label={t('tipsPage.fields.assignedTo')}>{tip.assignedTo?.name ?? t('tipsPage.unassigned')}</DetailFact>
        {tip.acceptedAt ? <DetailFact label={t('tipsPage.detail.acceptedAt')}>{formatDateTime(tip.acceptedAt)}</DetailFact> : null}
        {tip.transferredAt ? <DetailFact label={t('tipsPage.detail.transferredAt')}>{formatDateTime(tip.transferredAt)}</DetailFact> : null}
        {tip.transferredTo ? <DetailFact label={t('tipsPage.detail.transferredTo')}>{tip.transferredTo}</DetailFact> : null}
        {tip.outcome ? <DetailFact label={t('tipsPage.detail.outcome')}>{t(`tipsPage.outcomes.${tip.outcome}`)}</DetailFact> : null}
        {tip.closeReason ? (
          <DetailFact label={t('tipsPage.detail.closeReason')}>{t(`tipsPage.closeReasons.${tip.closeReason}`)}</DetailFact>
        ) : null}
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

  return (
    <DetailPageShell
      query={query}
      back={{ to: '/tips', search: lastInboxSearch(), label: t('tipsPage.detail.backToList') }}
      loadingTitle={t('tipsPage.detail.loadingTitle')}
      errorTitle={t('tipsPage.detail.notFoundTitle')}
      title={(tip) => t('tipsPage.detail.title', { number: tip.number })}
      actions={(tip) => (
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
      )}
      meta={(tip) => (
        <>
          <TipStatusBadge status={tip.status} />
          {tip.urgency === 'urgent' ? <Badge color="red">{t('tipsPage.urgentBadge')}</Badge> : null}
          {tip.hasUnreadFromSender ? <Badge color="brand">{t('tipsPage.unread')}</Badge> : null}
          <Text component="span" size="sm" c="dimmed">
            {t('tipsPage.detail.accessLogged')}
          </Text>
        </>
      )}
    >
      {(tip) => (
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
      )}
    </DetailPageShell>
  );
}
