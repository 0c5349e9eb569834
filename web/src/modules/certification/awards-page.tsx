import { AWARD_KINDS, AWARD_STATUSES, type AwardView, recipientFits } from '@binh-an/domain';
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { PagedTable, useCursorList } from '../../ui/paged-table.tsx';
import { useCan } from '../auth/hooks.ts';
import { refusalText } from '../mediation/team-forms.tsx';
import { useAllUnits } from '../units/api.ts';
import { type AwardsQuery, awardsExportUrl, certificationKey, decideAward, fetchAwards, proposeAward } from './api.ts';
import { CertificationListToolbar } from './list-toolbar.tsx';

const who = (a: AwardView) => a.personName ?? a.unitName;

function ProposeForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = (useAllUnits().data ?? []).filter((u) => u.isActive && u.type !== 'province' && u.type !== 'district');
  const [kind, setKind] = useState<(typeof AWARD_KINDS)[number]>('commendation');
  const [recipient, setRecipient] = useState<'group' | 'individual'>('group');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [personName, setPerson] = useState('');
  const [issuer, setIssuer] = useState('');
  const [reason, setReason] = useState('');
  const [proposedOn, setProposedOn] = useState(todayInVietnam());
  const [underReview, setUnderReview] = useState(false);
  const [disciplineUntil, setDisciplineUntil] = useState('');
  const unit = unitId ?? units[0]?.id ?? null;
  const save = useMutation({
    mutationFn: () =>
      proposeAward({
        year: Number(proposedOn.slice(0, 4)),
        kind,
        recipient,
        unitId: unit ?? '',
        ...(recipient === 'individual' ? { personName } : {}),
        issuer,
        ...(reason.trim() ? { reason } : {}),
        proposedOn,
        underDisciplinaryReview: underReview,
        ...(disciplineUntil ? { disciplineUntil } : {}),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.awards.saved'));
      setPerson('');
      setReason('');
    },
  });
  return (
    <ActionForm
      id="award-propose"
      title={t('certificationPage.awards.propose')}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      submit={{ label: t('certificationPage.awards.propose'), isLoading: save.isPending }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('certificationPage.awards.kind')}
          data={AWARD_KINDS.map((k) => ({ value: k, label: t(`certification.awardKinds.${k}`) }))}
          value={kind}
          allowDeselect={false}
          onChange={(v) => setKind((v as typeof kind) ?? 'commendation')}
        />
        <Select
          label={t('certificationPage.awards.recipient')}
          data={(['group', 'individual'] as const).map((r) => ({ value: r, label: t(`certification.awardRecipients.${r}`) }))}
          value={recipient}
          allowDeselect={false}
          onChange={(v) => setRecipient((v as typeof recipient) ?? 'group')}
          error={recipientFits(kind, recipient) ? undefined : t('certification.awardRefusals.recipientKind')}
        />
        <Select
          label={t('certificationPage.awards.unit')}
          data={units.map((u) => ({ value: u.id, label: u.name }))}
          value={unit}
          allowDeselect={false}
          onChange={setUnitId}
          searchable
        />
        {recipient === 'individual' ? (
          <TextInput
            label={t('certificationPage.awards.person')}
            value={personName}
            onChange={(e) => setPerson(e.currentTarget.value)}
            required
          />
        ) : null}
        <TextInput
          label={t('certificationPage.awards.issuer')}
          value={issuer}
          onChange={(e) => setIssuer(e.currentTarget.value)}
          required
        />
        <TextInput label={t('certificationPage.awards.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <TextInput
          type="date"
          label={t('certificationPage.awards.proposedOn')}
          value={proposedOn}
          onChange={(e) => setProposedOn(e.currentTarget.value)}
          required
        />
        <TextInput
          type="date"
          label={t('certificationPage.awards.disciplineUntil')}
          value={disciplineUntil}
          onChange={(e) => setDisciplineUntil(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Checkbox
        label={t('certificationPage.awards.underReview')}
        checked={underReview}
        onChange={(e) => setUnderReview(e.currentTarget.checked)}
      />
    </ActionForm>
  );
}

function DecideModal({ award, onClose }: { award: AwardView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [decidedOn, setDecidedOn] = useState(todayInVietnam());
  const [decisionRef, setRef] = useState('');
  const [underReview, setUnderReview] = useState(false);
  const save = useMutation({
    mutationFn: (granted: boolean) =>
      decideAward(award.id, { decidedOn, granted, underDisciplinaryReview: underReview, ...(decisionRef.trim() ? { decisionRef } : {}) }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.awards.saved'));
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('certificationPage.awards.decideTitle', { who: who(award) })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
        <Text size="sm">
          {t(`certification.awardKinds.${award.kind}`)} · {award.issuer}
        </Text>
        <TextInput
          type="date"
          label={t('certificationPage.awards.decidedOn')}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
          required
        />
        <TextInput label={t('certificationPage.awards.decisionRef')} value={decisionRef} onChange={(e) => setRef(e.currentTarget.value)} />
        <Checkbox
          label={t('certificationPage.awards.underReview')}
          checked={underReview}
          onChange={(e) => setUnderReview(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" color="red" onClick={() => save.mutate(false)} loading={save.isPending}>
            {t('certificationPage.awards.refuse')}
          </Button>
          <Button onClick={() => save.mutate(true)} loading={save.isPending}>
            {t('certificationPage.awards.grant')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The ward's awards and proposals; a proposal for anyone under disciplinary review is refused (TT 12/2019 Art. 2). */
export function CertificationAwardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<AwardsQuery>({});
  const query = useCursorList([...certificationKey, 'awards', filters], (cursor) => fetchAwards(filters, cursor));
  const items = query.items;
  const [deciding, setDeciding] = useState<AwardView | null>(null);
  const color = { proposed: 'blue', granted: 'green', refused: 'red' } as const;
  return (
    <>
      <PageHeader title={t('certificationPage.awards.title')} description={t('certificationPage.awards.description')} />
      {can('certification.decide') ? (
        <Stack mb="md">
          <ProposeForm />
        </Stack>
      ) : null}
      <CertificationListToolbar
        filters={filters}
        onChange={setFilters}
        searchLabel={t('certificationPage.awards.search')}
        exportHref={awardsExportUrl(filters)}
        exportLabel={t('certificationPage.awards.export')}
      >
        <FilterSelect
          label={t('certificationPage.awards.kind')}
          placeholder={t('certificationPage.awards.anyKind')}
          data={AWARD_KINDS.map((k) => ({ value: k, label: t(`certification.awardKinds.${k}`) }))}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
        />
        <FilterSelect
          label={t('certificationPage.awards.status')}
          placeholder={t('certificationPage.awards.anyStatus')}
          data={AWARD_STATUSES.map((k) => ({ value: k, label: t(`certification.awardStatuses.${k}`) }))}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
        />
      </CertificationListToolbar>
      <PagedTable
        list={query}
        rowCount={items.length}
        empty={<EmptyState title={t('certificationPage.awards.empty')} description="" />}
        caption={t('certificationPage.awards.caption')}
        minWidth={760}
        countText={t('certificationPage.awards.shown', { count: items.length })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('certificationPage.awards.year')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.awards.kind')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.awards.recipient')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.awards.issuer')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.awards.status')}</Table.Th>
            {can('certification.decide') ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.year}</Table.Td>
              <Table.Td>
                {t(`certification.awardKinds.${a.kind}`)}
                {a.reason ? <Text size="xs">{a.reason}</Text> : null}
              </Table.Td>
              <Table.Td>
                {who(a)}
                <Text size="xs">
                  {t(`certification.awardRecipients.${a.recipient}`)}
                  {a.personName ? ` · ${a.unitName}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{a.issuer}</Table.Td>
              <Table.Td>
                <Badge color={color[a.status]} variant="light">
                  {t(`certification.awardStatuses.${a.status}`)}
                </Badge>
                {a.decidedOn ? <Text size="xs">{formatDate(a.decidedOn)}</Text> : null}
                {a.refusal ? <Text size="xs">{t(`certification.awardRefusals.${a.refusal}`)}</Text> : null}
              </Table.Td>
              {can('certification.decide') ? (
                <Table.Td>
                  {a.status === 'proposed' ? (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => setDeciding(a)}
                      aria-label={t('certificationPage.awards.decideLabel', { who: who(a) })}
                    >
                      {t('certificationPage.awards.decide')}
                    </Button>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </PagedTable>
      {deciding ? <DecideModal award={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}
