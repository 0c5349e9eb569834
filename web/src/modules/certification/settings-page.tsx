import { CERT_UNIT_TYPES, EVIDENCE_KINDS, MOVEMENT_CLASSES, type MovementClass, type ProvinceCriterionView } from '@binh-an/domain';
import { Button, Modal, MultiSelect, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from '../../ui/action-form.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { refusalText } from '../mediation/team-forms.tsx';
import { certificationKey, createProvinceCriterion, fetchProvinceRules, saveThresholds, updateProvinceCriterion } from './api.ts';

const rulesKey = [...certificationKey, 'province-rules'] as const;
const thisYear = () => new Date().getFullYear();

type Draft = {
  article: string;
  unitTypes: string[];
  evidence: string[];
  fromYear: number | string;
  toYear: number | string;
  labelVi: string;
  labelEn: string;
};

const draftOf = (c: ProvinceCriterionView | null): Draft =>
  c
    ? { ...c, unitTypes: [...c.unitTypes], evidence: [...c.evidence], toYear: c.toYear ?? '' }
    : { article: '', unitTypes: ['residential_area'], evidence: ['minutes'], fromYear: thisYear(), toYear: '', labelVi: '', labelEn: '' };

const bodyOf = (d: Draft) => ({
  article: d.article,
  unitTypes: d.unitTypes,
  evidence: d.evidence,
  fromYear: Number(d.fromYear),
  toYear: d.toYear === '' ? null : Number(d.toYear),
  labelVi: d.labelVi,
  labelEn: d.labelEn.trim() ? d.labelEn : d.labelVi,
});

/** The fields of a province criterion, for adding one and for changing one. */
function CriterionFields({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('certificationPage.settings.article')}
          value={draft.article}
          onChange={(e) => set({ article: e.currentTarget.value })}
          required
        />
        <MultiSelect
          label={t('certificationPage.settings.unitTypes')}
          data={CERT_UNIT_TYPES.map((u) => ({ value: u, label: t(`certification.certTypes.${u}`) }))}
          value={draft.unitTypes}
          onChange={(v) => set({ unitTypes: v })}
          required
        />
        <MultiSelect
          label={t('certificationPage.settings.evidence')}
          data={EVIDENCE_KINDS.map((e) => ({ value: e, label: t(`certification.evidence.${e}`) }))}
          value={draft.evidence}
          onChange={(v) => set({ evidence: v })}
          required
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('certificationPage.settings.fromYear')}
            value={draft.fromYear}
            onChange={(v) => set({ fromYear: v })}
            min={2012}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
            required
          />
          <NumberInput
            label={t('certificationPage.settings.toYear')}
            value={draft.toYear}
            onChange={(v) => set({ toYear: v })}
            min={2012}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
          />
        </SimpleGrid>
      </SimpleGrid>
      <Textarea
        label={t('certificationPage.settings.labelVi')}
        value={draft.labelVi}
        onChange={(e) => set({ labelVi: e.currentTarget.value })}
        autosize
        minRows={2}
        required
      />
      <Textarea
        label={t('certificationPage.settings.labelEn')}
        value={draft.labelEn}
        onChange={(e) => set({ labelEn: e.currentTarget.value })}
        autosize
        minRows={2}
      />
    </Stack>
  );
}

function AddCriterionForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(draftOf(null));
  const save = useMutation({
    mutationFn: () => createProvinceCriterion(bodyOf(draft)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.settings.saved'));
      setDraft(draftOf(null));
    },
  });
  return (
    <ActionForm
      id="province-criterion-add"
      title={t('certificationPage.settings.add')}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      submit={{ label: t('certificationPage.settings.add'), isLoading: save.isPending }}
    >
      <CriterionFields draft={draft} onChange={setDraft} />
    </ActionForm>
  );
}

function EditCriterionModal({ criterion, onClose }: { criterion: ProvinceCriterionView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(draftOf(criterion));
  const save = useMutation({
    mutationFn: () => updateProvinceCriterion(criterion.id, bodyOf(draft)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.settings.saved'));
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('certificationPage.settings.editTitle', { article: criterion.article })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <ActionForm
        id="province-criterion-edit"
        title={t('certificationPage.settings.editTitle', { article: criterion.article })}
        error={save.error ? refusalText(save.error) : null}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        submit={{ label: t('certificationPage.steps.save'), isLoading: save.isPending }}
      >
        <CriterionFields draft={draft} onChange={setDraft} />
      </ActionForm>
    </Modal>
  );
}

function ThresholdsForm({
  current,
  defaults,
  own,
}: {
  current: Record<MovementClass, number>;
  defaults: Record<MovementClass, number>;
  own: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState<Record<MovementClass, number | string>>(current);
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: () => saveThresholds(Object.fromEntries(MOVEMENT_CLASSES.map((c) => [c, Number(values[c])]))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.settings.saved'));
      setConfirming(false);
    },
  });
  return (
    <>
      <ActionForm
        id="province-thresholds"
        title={t('certificationPage.settings.thresholds')}
        hint={t('certificationPage.settings.thresholdsHint')}
        error={save.error && !confirming ? refusalText(save.error) : null}
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
        submit={{ label: t('certificationPage.settings.saveThresholds') }}
      >
        <Text size="sm">
          {own ? t('certificationPage.settings.thresholdsOwn') : t('certificationPage.settings.thresholdsDefault', defaults)}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {MOVEMENT_CLASSES.map((c) => (
            <NumberInput
              key={c}
              label={t(`certification.classes.${c}`)}
              value={values[c]}
              onChange={(v) => setValues({ ...values, [c]: v })}
              min={0}
              max={100}
              allowDecimal={false}
              required
            />
          ))}
        </SimpleGrid>
      </ActionForm>
      <ConfirmDialog
        opened={confirming}
        title={t('certificationPage.settings.thresholds')}
        message={t('certificationPage.settings.confirmThresholds')}
        confirmLabel={t('certificationPage.settings.saveThresholds')}
        onConfirm={() => save.mutate()}
        onClose={() => setConfirming(false)}
        isLoading={save.isPending}
        isDanger={false}
        error={save.error ? refusalText(save.error) : null}
      />
    </>
  );
}

/** A province-level administrator's screen: the province's own criteria (Art. 8.1) and the class thresholds. */
export function CertificationSettingsPage() {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: rulesKey, queryFn: fetchProvinceRules });
  const [editing, setEditing] = useState<ProvinceCriterionView | null>(null);
  const data = query.data;
  return (
    <>
      <PageHeader title={t('certificationPage.settings.title')} description={t('certificationPage.settings.description')} />
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {data ? (
        <Stack gap="lg">
          <ThresholdsForm
            key={JSON.stringify(data.thresholds)}
            current={data.thresholds}
            defaults={data.defaults}
            own={data.ownThresholds}
          />
          <Title order={2} size="h3">
            {t('certificationPage.settings.criteria')}
          </Title>
          <AddCriterionForm />
          {data.criteria.length === 0 ? <EmptyState title={t('certificationPage.settings.empty')} description="" /> : null}
          {data.criteria.length ? (
            <DataTable caption={t('certificationPage.settings.caption', { province: data.province.name })} minWidth={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('certificationPage.settings.article')}</Table.Th>
                  <Table.Th scope="col">{t('certificationPage.settings.unitTypes')}</Table.Th>
                  <Table.Th scope="col">{t('certificationPage.settings.evidence')}</Table.Th>
                  <Table.Th scope="col">{t('certificationPage.settings.years')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.criteria.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {c.article}
                      </Text>
                      <Text size="sm">{i18n.language === 'en' ? c.labelEn : c.labelVi}</Text>
                    </Table.Td>
                    <Table.Td>{c.unitTypes.map((u) => t(`certification.certTypes.${u}`)).join(', ')}</Table.Td>
                    <Table.Td>{c.evidence.map((e) => t(`certification.evidence.${e}`)).join(', ')}</Table.Td>
                    <Table.Td>
                      {c.toYear === null
                        ? t('certificationPage.settings.yearsOpen', { from: c.fromYear })
                        : t('certificationPage.settings.yearsClosed', { from: c.fromYear, to: c.toYear })}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setEditing(c)}
                        aria-label={t('certificationPage.settings.editLabel', { article: c.article })}
                      >
                        {t('certificationPage.settings.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
          ) : null}
        </Stack>
      ) : null}
      {editing ? <EditCriterionModal criterion={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
