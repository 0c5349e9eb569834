import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type OutboxEntry, onOutboxChange, readOutbox, removeRound, retryRound } from './offline/outbox.ts';
import { type OutboxState, syncNow, useOutboxState } from './offline/outbox-state.ts';

/** The one sync indicator, in words: "Ngoại tuyến · 3 lượt chờ gửi", "Đang gửi 2/3", "Đã đồng bộ lúc 21:05". */
export function syncSummary(state: OutboxState, t: (key: string, options?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  if (!state.isOnline) parts.push(t('patrolsPage.outbox.offline'));
  if (state.sending) parts.push(t('patrolsPage.outbox.sending', { done: state.sending.done + 1, total: state.sending.total }));
  else if (state.pending > 0) parts.push(t('patrolsPage.outbox.pending', { count: formatNumber(state.pending) }));
  if (state.refused > 0) parts.push(t('patrolsPage.outbox.refusedCount', { count: formatNumber(state.refused) }));
  if (parts.length === 0 || (state.isOnline && state.pending === 0 && state.refused === 0 && !state.sending)) {
    return state.lastSyncAt
      ? t('patrolsPage.outbox.syncedAt', { time: formatDateTime(new Date(state.lastSyncAt)).slice(11) })
      : t('patrolsPage.outbox.nothingWaiting');
  }
  return parts.join(' · ');
}

/** The header's sync indicator, announced politely when it changes. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const state = useOutboxState();
  if (!state.isReady) return null;
  const color = !state.isOnline ? 'gray' : state.refused > 0 ? 'red' : state.pending > 0 ? 'orange' : 'green';
  return (
    <Badge color={color} variant="light" size="lg" radius="sm" tt="none" role="status" aria-live="polite" style={{ maxWidth: '100%' }}>
      <span style={{ whiteSpace: 'normal' }}>{syncSummary(state, t)}</span>
    </Badge>
  );
}

type OutboxPanelProps = {
  userId: string;
  /** Opens a refused round in the form to correct it (the record screen only). */
  onCorrect?: (entry: OutboxEntry) => void;
};

/** "Hộp thư đi": what waits on this device, each round's state in words, "Gửi ngay", and what to do with a refusal. */
export function OutboxPanel({ userId, onCorrect }: OutboxPanelProps) {
  const { t } = useTranslation();
  const state = useOutboxState();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  const [isSending, setSending] = useState(false);

  const reload = useCallback(() => {
    readOutbox(userId)
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [userId]);
  useEffect(() => {
    reload();
    return onOutboxChange(reload);
  }, [reload]);

  const sendNow = async () => {
    setSending(true);
    await syncNow(true, userId).catch(() => null);
    setSending(false);
  };

  const waiting = state.pending + state.refused;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="patrol-outbox-title">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 12rem' }}>
          <Title order={2} size="h3" id="patrol-outbox-title">
            {t('patrolsPage.outbox.title')}
          </Title>
          <Text fw={700} size="lg">
            {t('patrolsPage.outbox.pending', { count: formatNumber(state.pending) })}
          </Text>
          <Text size="sm" c="dimmed">
            {state.lastSyncAt
              ? t('patrolsPage.outbox.lastSync', { time: formatDateTime(new Date(state.lastSyncAt)) })
              : t('patrolsPage.outbox.neverSynced')}
          </Text>
          {!state.isOnline ? <Text size="sm">{t('patrolsPage.outbox.offlineHint')}</Text> : null}
          {state.problem === 'signedOut' ? <Text size="sm">{t('patrolsPage.outbox.signedOutHint')}</Text> : null}
        </Stack>
        <Button size="md" onClick={() => void sendNow()} loading={isSending} disabled={waiting === 0}>
          {t('patrolsPage.outbox.sendNow')}
        </Button>
      </Group>
      {entries.length > 0 ? (
        <ul className="patrol-outbox-list">
          {entries.map((entry) => (
            <li key={entry.idempotencyKey} className={entry.state === 'pending' ? 'patrol-outbox-pending' : undefined}>
              <Text size="sm" fw={700}>
                {entry.round.label.teamName}
                {entry.round.label.routeName ? ` — ${entry.round.label.routeName}` : ''}
              </Text>
              <Text size="sm">
                {t('patrolsPage.outbox.roundTimes', {
                  from: formatDateTime(entry.round.body.startedAt),
                  to: formatDateTime(entry.round.body.endedAt).slice(11),
                  count: formatNumber(entry.round.body.participants.length),
                })}
              </Text>
              <Text size="sm">
                {entry.state === 'pending'
                  ? t('patrolsPage.outbox.savedNotSent', { time: formatDateTime(new Date(entry.savedAt)) })
                  : t('patrolsPage.outbox.refused', { reason: entry.refusal?.message ?? '' })}
              </Text>
              {entry.state === 'refused' ? (
                <Group gap="xs" mt={4} wrap="wrap">
                  {onCorrect ? (
                    <Button size="sm" variant="outline" onClick={() => onCorrect(entry)}>
                      {t('patrolsPage.outbox.correct')}
                    </Button>
                  ) : null}
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => void retryRound(entry.idempotencyKey).then(() => syncNow(true, userId))}
                  >
                    {t('patrolsPage.outbox.retry')}
                  </Button>
                  <Button size="sm" variant="subtle" color="red" onClick={() => setDiscarding(entry)}>
                    {t('patrolsPage.outbox.discard')}
                  </Button>
                </Group>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {state.others > 0 ? (
        <Text size="sm" mt="sm">
          {t('patrolsPage.outbox.others', { count: formatNumber(state.others) })}
        </Text>
      ) : null}
      <ConfirmDialog
        opened={discarding !== null}
        title={t('patrolsPage.outbox.discardTitle')}
        message={
          discarding
            ? t('patrolsPage.outbox.discardMessage', {
                team: discarding.round.label.teamName,
                from: formatDateTime(discarding.round.body.startedAt),
              })
            : ''
        }
        confirmLabel={t('patrolsPage.outbox.discardConfirm')}
        onConfirm={() => {
          const entry = discarding;
          setDiscarding(null);
          if (entry) void removeRound(entry.idempotencyKey);
        }}
        onClose={() => setDiscarding(null)}
      />
    </Paper>
  );
}
