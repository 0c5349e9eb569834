import type { RehabDossierStatus } from '@binh-an/domain';
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import type { RehabDossier } from './api.ts';

const STATUS_COLORS: Record<RehabDossierStatus, string> = {
  opened: 'brand',
  documents_gathered: 'orange',
  compiled: 'teal',
  sent_to_court: 'grape',
  decided: 'indigo',
  carried_out: 'gray',
};

/** A dossier's status in words (the colour only adds to them). */
export function RehabStatusBadge({ status }: { status: RehabDossierStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      styles={{ root: { height: 'auto', minHeight: 'var(--badge-height)' }, label: { whiteSpace: 'normal', lineHeight: 1.35 } }}
    >
      {t(`cases.rehab.statuses.${status}`)}
    </Badge>
  );
}

/** The compile limit as text and date, "Quá hạn" when it has passed with the dossier not compiled. */
export function CompileDue({ item }: { item: Pick<RehabDossier, 'compileDueOn' | 'compiledOn' | 'isCompileOverdue'> }) {
  const { t } = useTranslation();
  if (item.compiledOn) return <Text size="sm">{t('rehabPage.compiledOn', { date: formatDate(item.compiledOn) })}</Text>;
  return (
    <Text size="sm" component="span" display="block">
      {t('rehabPage.dueBy', { date: formatDate(item.compileDueOn) })}
      {item.isCompileOverdue ? (
        <Badge color="red" variant="filled" ml={6}>
          {t('rehabPage.overdue')}
        </Badge>
      ) : null}
    </Text>
  );
}
