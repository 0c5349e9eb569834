import { type ActivityType, AUDIENCE_GROUPS, type AudienceGroup, audienceTotal, type OutreachTopic } from '@binh-an/domain';
import { Button, FileInput, NumberInput, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { type ActivityView, createActivity, outreachKey, updateActivity, uploadMaterial } from './api.ts';
import { mutationForm, TopicSelect, useOptions, useTargetUnits } from './outreach-parts.tsx';

type AudienceGroups = Partial<Record<AudienceGroup, number>>;

/** What the activity form holds: the fields a new activity and a correction share. */
export type ActivityValues = {
  type: ActivityType;
  topic: OutreachTopic;
  heldOn: string;
  title: string;
  organisers: string;
  audienceGroups: AudienceGroups;
  /** One material a line in the form; trimmed, without empty lines, when submitted. */
  materials: string[];
  /** Given for a correction: the total audience, which may exceed the sum of the groups (some were not counted by group). */
  audienceTotal?: number | string;
};

type ActivityFormProps = {
  id: string;
  title: string;
  submitLabel: string;
  /** The notice once saved. */
  savedText: string;
  initial: ActivityValues;
  onSubmit: (values: ActivityValues) => Promise<unknown>;
  /** After a successful save (the form itself clears the title, audience and materials when `clearAfterSave`). */
  onSaved?: () => void;
  clearAfterSave?: boolean;
  /** The unit choice, first in the grid (a new activity only). */
  unitField?: ReactNode;
  /** Buttons before the submit button, e.g. "Huỷ". */
  actions?: ReactNode;
  /** Fields after the materials. */
  children?: ReactNode;
};

/** The fields of an activity (type, topic, day, title, organisers, the audience by group, materials) in a titled form. */
export function ActivityForm({
  id,
  title: heading,
  submitLabel,
  savedText,
  initial,
  onSubmit,
  onSaved,
  clearAfterSave = false,
  unitField,
  actions,
  children,
}: ActivityFormProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { types } = useOptions();
  const [type, setType] = useState(initial.type);
  const [topic, setTopic] = useState(initial.topic);
  const [heldOn, setHeldOn] = useState(initial.heldOn);
  const [title, setTitle] = useState(initial.title);
  const [organisers, setOrganisers] = useState(initial.organisers);
  const [groups, setGroups] = useState<AudienceGroups>(initial.audienceGroups);
  const [total, setTotal] = useState(initial.audienceTotal);
  const [materials, setMaterials] = useState(initial.materials.join('\n'));
  const save = useMutation({
    mutationFn: () =>
      onSubmit({
        type,
        topic,
        heldOn,
        title,
        organisers,
        audienceGroups: groups,
        materials: materials
          .split('\n')
          .map((m) => m.trim())
          .filter(Boolean),
        ...(total === undefined ? {} : { audienceTotal: total }),
      }),
    onSuccess: () => {
      notifySuccess(savedText);
      if (clearAfterSave) {
        setTitle('');
        setGroups({});
        setMaterials('');
      }
      onSaved?.();
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  const setGroup = (g: AudienceGroup, value: number | string) => {
    const next = { ...groups, [g]: typeof value === 'number' ? value : undefined };
    if (typeof value !== 'number') delete next[g];
    setGroups(next);
    if (total !== undefined) setTotal(Math.max(typeof total === 'number' ? total : 0, audienceTotal(next)));
  };
  return (
    <ActionForm id={id} title={heading} {...mutationForm(save, submitLabel)} actions={actions}>
      <SimpleGrid cols={{ base: 1, sm: unitField ? 2 : 3 }}>
        {unitField}
        <Select
          label={t('outreachPage.type')}
          data={types}
          value={type}
          onChange={(v) => v && setType(v as ActivityType)}
          allowDeselect={false}
        />
        <TopicSelect value={topic} onChange={setTopic} />
        <TextInput
          type="date"
          label={t('outreachPage.activities.heldOn')}
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
          required
        />
      </SimpleGrid>
      <TextInput label={t('outreachPage.activities.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
      <TextInput
        label={t('outreachPage.activities.organisers')}
        value={organisers}
        onChange={(e) => setOrganisers(e.currentTarget.value)}
      />
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 4 }}>{t('outreachPage.activities.audience')}</legend>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {AUDIENCE_GROUPS.map((g) => (
            <NumberInput key={g} label={t(`outreach.groups.${g}`)} min={0} value={groups[g] ?? ''} onChange={(v) => setGroup(g, v)} />
          ))}
        </SimpleGrid>
        {total === undefined ? (
          <Text size="sm" mt={4} role="status">
            {t('outreachPage.activities.total', { count: formatNumber(audienceTotal(groups)) })}
          </Text>
        ) : (
          <NumberInput
            mt="xs"
            label={t('outreachPage.activities.audience')}
            min={audienceTotal(groups)}
            value={total}
            onChange={setTotal}
          />
        )}
      </fieldset>
      <Textarea
        label={t('outreachPage.activities.materials')}
        description={t('outreachPage.activities.materialsHint')}
        value={materials}
        onChange={(e) => setMaterials(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {children}
    </ActionForm>
  );
}

/** Records an activity held in a unit, with its materials and the files handed out. */
export function NewActivityForm() {
  const { t } = useTranslation();
  const units = useTargetUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const unit = unitId ?? units[0]?.value ?? null;
  return (
    <ActivityForm
      id="activity-form"
      title={t('outreachPage.activities.add')}
      submitLabel={t('outreachPage.activities.save')}
      savedText={t('outreachPage.activities.saved')}
      initial={{
        type: 'block_meeting',
        topic: 'drugs',
        heldOn: todayInVietnam(),
        title: '',
        organisers: '',
        audienceGroups: {},
        materials: [],
      }}
      onSubmit={({ organisers, audienceTotal: _total, ...values }) =>
        createActivity({ unitId: unit ?? '', ...values, ...(organisers.trim() ? { organisers } : {}) }).then(async (activity) => {
          for (const file of files) await uploadMaterial(activity.id, file);
          return activity;
        })
      }
      onSaved={() => setFiles([])}
      clearAfterSave
      unitField={<Select label={t('outreachPage.unit')} data={units} value={unit} onChange={setUnitId} allowDeselect={false} required />}
    >
      <FileInput
        label={t('outreachPage.activities.files')}
        description={t('outreachPage.activities.filesHint')}
        multiple
        clearable
        value={files}
        onChange={setFiles}
        accept="application/pdf,image/jpeg,image/png,image/webp,application/zip"
      />
    </ActivityForm>
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Corrects a recorded activity: only the fields changed are sent (the server audits their names). */
export function ActivityEdit({ a, onDone }: { a: ActivityView; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState(a.note ?? '');
  return (
    <ActivityForm
      id="activity-edit"
      title={t('outreachPage.activities.editTitle', { title: a.title })}
      submitLabel={t('outreachPage.activities.editSave')}
      savedText={t('outreachPage.activities.edited')}
      initial={{
        type: a.type,
        topic: a.topic,
        heldOn: a.heldOn,
        title: a.title,
        organisers: a.organisers ?? '',
        audienceGroups: a.audienceGroups,
        materials: a.materials,
        audienceTotal: a.audienceTotal,
      }}
      onSubmit={(v) => {
        const groupsChanged = !same(v.audienceGroups, a.audienceGroups);
        const total = v.audienceTotal;
        return updateActivity(a.id, {
          ...(v.type !== a.type ? { type: v.type } : {}),
          ...(v.topic !== a.topic ? { topic: v.topic } : {}),
          ...(v.heldOn !== a.heldOn ? { heldOn: v.heldOn } : {}),
          ...(v.title !== a.title ? { title: v.title } : {}),
          ...(v.organisers !== (a.organisers ?? '') ? { organisers: v.organisers.trim() || null } : {}),
          ...(groupsChanged ? { audienceGroups: v.audienceGroups } : {}),
          ...(typeof total === 'number' && (total !== a.audienceTotal || groupsChanged) ? { audienceTotal: total } : {}),
          ...(same(v.materials, a.materials) ? {} : { materials: v.materials }),
          ...(note !== (a.note ?? '') ? { note: note.trim() || null } : {}),
        });
      }}
      onSaved={onDone}
      actions={
        <Button variant="default" onClick={onDone}>
          {t('outreachPage.cancel')}
        </Button>
      }
    >
      <Textarea label={t('outreachPage.activities.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize />
    </ActivityForm>
  );
}
