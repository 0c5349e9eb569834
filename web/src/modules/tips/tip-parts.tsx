import type { Day, TipStatus } from '@binh-an/domain';
import { Badge, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TipClock } from './api.ts';
import { type DeadlineState, describeDeadline } from './deadline.ts';
import { IconAlert, IconClock, IconDone } from './tips-icons.tsx';

/** The current time, refreshed every `everyMs`, so that "Còn 5 giờ" keeps counting down on an open screen. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

const STATE_COLORS: Record<DeadlineState, string> = {
  overdue: 'red.8',
  soon: 'orange.8',
  running: 'dark.6',
  done: 'green.8',
};

function StateIcon({ state }: { state: DeadlineState }) {
  if (state === 'overdue') return <IconAlert size={16} />;
  if (state === 'done') return <IconDone size={16} />;
  return <IconClock size={16} />;
}

type DeadlineLabelProps = {
  clock: Pick<TipClock, 'kind' | 'dueAt' | 'isOverdue' | 'doneAt'>;
  now: Date;
  isWorkingDay?: (day: Day) => boolean;
  size?: 'xs' | 'sm';
};

/** A time limit as an icon plus words plus the date ("Quá hạn 1 ngày (hạn 02/07/2020)"); colour only adds to the words. */
export function DeadlineLabel({ clock, now, isWorkingDay, size = 'sm' }: DeadlineLabelProps) {
  const { t } = useTranslation();
  const d = describeDeadline(clock, t, now, isWorkingDay);
  return (
    <Text size={size} c={STATE_COLORS[d.state]} className="tips-deadline" data-state={d.state}>
      <span className="tips-deadline-icon">
        <StateIcon state={d.state} />
      </span>
      <span>
        <span className="tips-deadline-text">{d.remaining}</span>{' '}
        <span className="tips-deadline-due">({t('tipsPage.deadline.due', { date: d.due })})</span>
      </span>
    </Text>
  );
}

const STATUS_COLORS: Record<TipStatus, string> = {
  new: 'brand',
  verifying: 'orange',
  transferred: 'grape',
  closed: 'gray',
  spam: 'gray',
};

/** A tip's status in words. */
export function TipStatusBadge({ status }: { status: TipStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLORS[status]}>{t(`tipsPage.statuses.${status}`)}</Badge>;
}
