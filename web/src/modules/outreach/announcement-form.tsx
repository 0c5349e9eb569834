import type { OutreachTopic } from '@binh-an/domain';
import { Button, Checkbox, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useCan } from '../auth/hooks.ts';
import {
  ANNOUNCEMENT_KINDS,
  type AnnouncementKind,
  type AnnouncementView,
  createAnnouncement,
  outreachKey,
  updateAnnouncement,
} from './api.ts';
import { mutationForm, TopicSelect, useTargetUnits } from './outreach-parts.tsx';

/** What the announcement form holds: the fields a new draft and a change to a draft share. */
export type AnnouncementValues = {
  kind: AnnouncementKind;
  topic: OutreachTopic;
  title: string;
  body: string;
  urgent: boolean;
  survey: boolean;
  /** The period a survey asks about (a survey only). */
  periodFrom: string;
  periodTo: string;
};

type AnnouncementFormProps = {
  id: string;
  title: string;
  hint?: string;
  submitLabel: string;
  savedText: string;
  initial: AnnouncementValues;
  /** The kinds that may be chosen. */
  kinds: readonly AnnouncementKind[];
  onSubmit: (values: AnnouncementValues) => Promise<unknown>;
  onSaved?: () => void;
  /** Clears the title, text and urgency once saved (a new draft). */
  clearAfterSave?: boolean;
  /** The unit, first in the grid, and the blocks under it (a new draft only). */
  unitField?: ReactNode;
  blocksField?: ReactNode;
  /** The text box's height in lines. */
  bodyRows: number;
  /** Explains the survey's period under its first day. */
  periodHint?: string;
  actions?: ReactNode;
};

/** The fields of an announcement (kind, topic, title, text, the survey's period or the survey box, urgency) in a titled form. */
export function AnnouncementForm({
  id,
  title: heading,
  hint,
  submitLabel,
  savedText,
  initial,
  kinds,
  onSubmit,
  onSaved,
  clearAfterSave = false,
  unitField,
  blocksField,
  bodyRows,
  periodHint,
  actions,
}: AnnouncementFormProps) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [kind, setKind] = useState(initial.kind);
  const [topic, setTopic] = useState(initial.topic);
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [urgent, setUrgent] = useState(initial.urgent);
  const [survey, setSurvey] = useState(initial.survey);
  const [periodFrom, setPeriodFrom] = useState(initial.periodFrom);
  const [periodTo, setPeriodTo] = useState(initial.periodTo);
  const save = useMutation({
    mutationFn: () => onSubmit({ kind, topic, title, body, urgent, survey, periodFrom, periodTo }),
    onSuccess: () => {
      notifySuccess(savedText);
      if (clearAfterSave) {
        setTitle('');
        setBody('');
        setUrgent(false);
      }
      onSaved?.();
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <ActionForm id={id} title={heading} hint={hint} {...mutationForm(save, submitLabel)} actions={actions}>
      <SimpleGrid cols={{ base: 1, sm: unitField ? 3 : 2 }}>
        {unitField}
        <Select
          label={t('outreachPage.announcements.kind')}
          data={kinds.map((k) => ({ value: k, label: t(`outreach.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as AnnouncementKind)}
          allowDeselect={false}
        />
        <TopicSelect value={topic} onChange={setTopic} />
      </SimpleGrid>
      {blocksField}
      <TextInput
        label={t('outreachPage.announcements.titleField')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('outreachPage.announcements.body')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={bodyRows}
        required
      />
      {kind === 'survey' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('outreachPage.announcements.periodFrom')}
            description={periodHint}
            value={periodFrom}
            max={todayInVietnam()}
            onChange={(e) => setPeriodFrom(e.currentTarget.value)}
            required
          />
          <TextInput
            type="date"
            label={t('outreachPage.announcements.periodTo')}
            value={periodTo}
            max={todayInVietnam()}
            onChange={(e) => setPeriodTo(e.currentTarget.value)}
            required
          />
        </SimpleGrid>
      ) : (
        <Checkbox label={t('outreachPage.announcements.survey')} checked={survey} onChange={(e) => setSurvey(e.currentTarget.checked)} />
      )}
      {can('outreach.urgent') ? (
        <Checkbox
          label={t('outreachPage.announcements.urgent')}
          description={t('outreachPage.announcements.urgentHint')}
          checked={urgent}
          onChange={(e) => setUrgent(e.currentTarget.checked)}
        />
      ) : null}
    </ActionForm>
  );
}

/** Drafts an announcement to the ward or a unit, optionally narrowed to some of its blocks. */
export function NewAnnouncementForm() {
  const { t } = useTranslation();
  const units = useTargetUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [blockIds, setBlockIds] = useState<string[]>([]);
  const unit = unitId ?? units.find((u) => u.type !== 'block' && u.type !== 'school')?.value ?? units[0]?.value ?? null;
  const blocks = units.filter((u) => u.type === 'block' && u.parentId === unit);
  return (
    <AnnouncementForm
      id="announcement-form"
      title={t('outreachPage.announcements.add')}
      hint={t('outreachPage.announcements.addHint')}
      submitLabel={t('outreachPage.announcements.saveDraft')}
      savedText={t('outreachPage.announcements.saved')}
      initial={{ kind: 'alert', topic: 'fraud', title: '', body: '', urgent: false, survey: false, periodFrom: '', periodTo: '' }}
      kinds={ANNOUNCEMENT_KINDS}
      onSubmit={({ survey, periodFrom, periodTo, ...values }) =>
        createAnnouncement({
          unitId: unit ?? '',
          ...values,
          blockIds,
          ...(values.kind === 'survey' ? { survey: true, periodFrom, periodTo } : { survey }),
        })
      }
      onSaved={() => setBlockIds([])}
      clearAfterSave
      bodyRows={4}
      periodHint={t('outreachPage.announcements.periodHint')}
      unitField={
        <Select
          label={t('outreachPage.unit')}
          data={units.filter((u) => u.type !== 'school')}
          value={unit}
          onChange={(v) => {
            setUnitId(v);
            setBlockIds([]);
          }}
          allowDeselect={false}
        />
      }
      blocksField={
        blocks.length ? (
          <MultiSelect
            label={t('outreachPage.announcements.blocks')}
            description={t('outreachPage.announcements.blocksHint')}
            data={blocks}
            value={blockIds}
            onChange={setBlockIds}
          />
        ) : null
      }
    />
  );
}

/** Changes a draft's kind, topic, title and text (blocks, urgency and survey stay as drafted unless changed here). */
export function AnnouncementEdit({ a, onDone }: { a: AnnouncementView; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <AnnouncementForm
      id={`announcement-edit-${a.id}`}
      title={t('outreachPage.announcements.editTitle', { title: a.title })}
      submitLabel={t('outreachPage.announcements.editSave')}
      savedText={t('outreachPage.announcements.edited')}
      initial={{ ...a, periodFrom: a.periodFrom ?? '', periodTo: a.periodTo ?? '' }}
      kinds={a.kind === 'survey' ? ['survey'] : ['news', 'alert']}
      onSubmit={(v) =>
        updateAnnouncement(a.id, {
          ...(v.kind !== a.kind ? { kind: v.kind } : {}),
          ...(v.topic !== a.topic ? { topic: v.topic } : {}),
          ...(v.title !== a.title ? { title: v.title } : {}),
          ...(v.body !== a.body ? { body: v.body } : {}),
          ...(v.urgent !== a.urgent ? { urgent: v.urgent } : {}),
          ...(v.survey !== a.survey ? { survey: v.survey } : {}),
          ...(a.kind === 'survey' && v.periodFrom !== a.periodFrom ? { periodFrom: v.periodFrom } : {}),
          ...(a.kind === 'survey' && v.periodTo !== a.periodTo ? { periodTo: v.periodTo } : {}),
        })
      }
      onSaved={onDone}
      bodyRows={3}
      actions={
        <Button variant="default" onClick={onDone}>
          {t('outreachPage.cancel')}
        </Button>
      }
    />
  );
}
