import { type AddMemberInput, addMemberSchema, memberEligibilityError, PATROL_MEMBER_ROLES, type PatrolMemberRole } from '@binh-an/domain';
import { Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { translateMessageKey } from '../../lib/i18n.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { addMember, leaveMember, membersQueryOptions, type PatrolMember, type PatrolTeam, patrolsQueryKey, updateMember } from './api.ts';

type MemberFormMode = { kind: 'add' } | { kind: 'edit'; member: PatrolMember };

/** The team's members with role, dates, contact and account; add, change and "leaves the team" for the ward police. */
export function TeamMembers({ team, canManage }: { team: PatrolTeam; canManage: boolean }) {
  const { t } = useTranslation();
  const [includeLeft, setIncludeLeft] = useState(false);
  const query = useQuery(membersQueryOptions(team.id, includeLeft));
  const [mode, setMode] = useState<MemberFormMode | null>(null);
  const [leaving, setLeaving] = useState<PatrolMember | null>(null);
  const rows = query.data?.items ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-members">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h3" id="team-members">
            {t('patrolsPage.members.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('patrolsPage.members.logged')}
          </Text>
        </Stack>
        {canManage && team.isActive ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setMode({ kind: 'add' })}>
            {t('patrolsPage.members.add')}
          </Button>
        ) : null}
      </Group>
      <Checkbox
        mb="sm"
        label={t('patrolsPage.members.includeLeft')}
        checked={includeLeft}
        onChange={(e) => setIncludeLeft(e.currentTarget.checked)}
      />
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && rows.length === 0 ? (
        <EmptyState title={t('patrolsPage.members.emptyTitle')} description={t('patrolsPage.members.emptyText')} headingOrder={3} />
      ) : null}
      {rows.length > 0 ? (
        <DataTable caption={t('patrolsPage.members.caption', { team: team.name })} minWidth={900} label={t('patrolsPage.members.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.members.fullName')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.members.role')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.members.birthDate')}
              </Table.Th>
              <Table.Th scope="col">{t('patrolsPage.members.phone')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.members.joinedOn')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.members.leftOn')}
              </Table.Th>
              <Table.Th scope="col">{t('patrolsPage.members.account')}</Table.Th>
              {canManage ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Th scope="row" fw={700} miw={160}>
                  {m.fullName}
                  {m.ageExceptionRef ? (
                    <Text size="xs" c="dimmed" fw={400}>
                      {t('patrolsPage.members.ageException', { ref: m.ageExceptionRef })}
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>
                  {t(`patrols.memberRoles.${m.role}`)}
                  <Text size="xs" c="dimmed">
                    {t(`patrols.participantKinds.${m.force}`)}
                  </Text>
                </Table.Td>
                <Table.Td className="num">{formatDate(m.birthDate) || t('common.notSet')}</Table.Td>
                <Table.Td className="nowrap">{m.phone ?? t('common.notSet')}</Table.Td>
                <Table.Td className="num">{formatDate(m.joinedOn)}</Table.Td>
                <Table.Td className="num">{m.leftOn ? formatDate(m.leftOn) : '—'}</Table.Td>
                <Table.Td>{m.user?.username ?? t('common.notSet')}</Table.Td>
                {canManage ? (
                  <Table.Td>
                    {m.isActive ? (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setMode({ kind: 'edit', member: m })}
                          aria-label={t('patrolsPage.members.editNamed', { name: m.fullName })}
                        >
                          {t('patrolsPage.members.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setLeaving(m)}
                          aria-label={t('patrolsPage.members.leaveNamed', { name: m.fullName })}
                        >
                          {t('patrolsPage.members.leave')}
                        </Button>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('patrolsPage.members.left')}
                      </Text>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      <MemberFormModal team={team} mode={mode} onClose={() => setMode(null)} />
      <LeaveModal member={leaving} onClose={() => setLeaving(null)} />
    </Paper>
  );
}

type MemberValues = {
  fullName: string;
  birthDate: string;
  role: string;
  joinedOn: string;
  phone: string;
  address: string;
  ageExceptionRef: string;
  decisionRef: string;
  note: string;
};
const MEMBER_FIELDS = ['fullName', 'birthDate', 'role', 'joinedOn', 'phone', 'address', 'ageExceptionRef', 'decisionRef', 'note'] as const;

function initialValues(mode: MemberFormMode): MemberValues {
  if (mode.kind === 'add') {
    return {
      fullName: '',
      birthDate: '',
      role: 'member',
      joinedOn: formatDate(todayInVietnam()),
      phone: '',
      address: '',
      ageExceptionRef: '',
      decisionRef: '',
      note: '',
    };
  }
  const m = mode.member;
  return {
    fullName: m.fullName,
    birthDate: formatDate(m.birthDate),
    role: m.role,
    joinedOn: formatDate(m.joinedOn),
    phone: m.phone ?? '',
    address: m.address ?? '',
    ageExceptionRef: m.ageExceptionRef ?? '',
    decisionRef: m.decisionRef ?? '',
    note: m.note ?? '',
  };
}

function MemberFormModal({ team, mode, onClose }: { team: PatrolTeam; mode: MemberFormMode | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={mode !== null}
      onClose={onClose}
      title={
        mode?.kind === 'edit'
          ? t('patrolsPage.members.editTitle', { name: mode.member.fullName })
          : t('patrolsPage.members.addTitle', { team: team.name })
      }
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {mode ? <MemberForm key={mode.kind === 'edit' ? mode.member.id : 'new'} team={team} mode={mode} onClose={onClose} /> : null}
    </Modal>
  );
}

function MemberForm({ team, mode, onClose }: { team: PatrolTeam; mode: MemberFormMode; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<MemberValues>(() => initialValues(mode));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<MemberValues>) => setValues((v) => ({ ...v, ...patch }));
  const hasAgeRule = team.kind === 'security_team';

  const mutation = useMutation({
    mutationFn: (body: AddMemberInput) => (mode.kind === 'add' ? addMember(team.id, body) : updateMember(mode.member.id, body)),
    onSuccess: async (member) => {
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'team', team.id] });
      notifySuccess(
        mode.kind === 'add'
          ? t('patrolsPage.members.added', { name: member.fullName })
          : t('patrolsPage.members.saved', { name: member.fullName }),
      );
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, MEMBER_FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });

  const submit = () => {
    setFormError(null);
    const found: Record<string, string> = {};
    const birthDate = parseDateInput(values.birthDate);
    const joinedOn = parseDateInput(values.joinedOn);
    if (birthDate === null) found.birthDate = t('patrolsPage.dateInvalid');
    if (!joinedOn) found.joinedOn = t('patrolsPage.dateInvalid');
    const optional = (v: string) => (v.trim() ? v : null);
    const body: AddMemberInput = {
      fullName: values.fullName,
      birthDate: birthDate || null,
      role: values.role as PatrolMemberRole,
      joinedOn: joinedOn ?? '',
      phone: optional(values.phone),
      address: optional(values.address),
      ageExceptionRef: optional(values.ageExceptionRef),
      decisionRef: optional(values.decisionRef),
      note: optional(values.note),
    };
    Object.assign(found, { ...validateWithSchema(addMemberSchema, body), ...found });
    // The age rule of a Tổ bảo vệ ANTT (18–70, Luật 2023 Art. 13), checked here as the server will.
    if (!found.birthDate && joinedOn) {
      const eligibility = memberEligibilityError(team.kind, birthDate || null, joinedOn, Boolean(body.ageExceptionRef));
      if (eligibility) found.birthDate = translateMessageKey(eligibility);
    }
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate(body);
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        {hasAgeRule ? <Text size="sm">{t('patrolsPage.members.ageRule')}</Text> : null}
        <FormErrorAlert message={formError} />
        <TextInput
          label={t('patrolsPage.members.fullName')}
          {...requiredField}
          value={values.fullName}
          onChange={(e) => set({ fullName: e.currentTarget.value })}
          error={errors.fullName}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('patrolsPage.members.birthDate')}
            placeholder={t('common.datePlaceholder')}
            inputMode="numeric"
            {...(hasAgeRule ? requiredField : {})}
            value={values.birthDate}
            onChange={(e) => set({ birthDate: e.currentTarget.value })}
            error={errors.birthDate}
          />
          <Select
            label={t('patrolsPage.members.role')}
            {...requiredField}
            data={PATROL_MEMBER_ROLES.map((value) => ({ value, label: t(`patrols.memberRoles.${value}`) }))}
            value={values.role}
            onChange={(role) => set({ role: role ?? 'member' })}
            error={errors.role}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('patrolsPage.members.joinedOn')}
            {...requiredField}
            placeholder={t('common.datePlaceholder')}
            inputMode="numeric"
            value={values.joinedOn}
            onChange={(e) => set({ joinedOn: e.currentTarget.value })}
            error={errors.joinedOn}
          />
          <TextInput
            label={t('patrolsPage.members.phone')}
            inputMode="tel"
            value={values.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
            error={errors.phone}
          />
        </SimpleGrid>
        <TextInput
          label={t('patrolsPage.members.address')}
          value={values.address}
          onChange={(e) => set({ address: e.currentTarget.value })}
          error={errors.address}
        />
        {hasAgeRule ? (
          <TextInput
            label={t('patrolsPage.members.ageExceptionRef')}
            description={t('patrolsPage.members.ageExceptionHint')}
            value={values.ageExceptionRef}
            onChange={(e) => set({ ageExceptionRef: e.currentTarget.value })}
            error={errors.ageExceptionRef}
          />
        ) : null}
        <TextInput
          label={t('patrolsPage.teamForm.decisionRef')}
          value={values.decisionRef}
          onChange={(e) => set({ decisionRef: e.currentTarget.value })}
          error={errors.decisionRef}
        />
        <Textarea
          label={t('patrolsPage.teamForm.note')}
          value={values.note}
          onChange={(e) => set({ note: e.currentTarget.value })}
          error={errors.note}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {mode.kind === 'add' ? t('patrolsPage.members.addSubmit') : t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LeaveModal({ member, onClose }: { member: PatrolMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [leftOn, setLeftOn] = useState(formatDate(todayInVietnam()));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { leftOn: string; reason?: string } }) => leaveMember(id, body),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'team', m.teamId] });
      notifySuccess(t('patrolsPage.members.leftDone', { name: m.fullName }));
      onClose();
    },
    onError: (e) => {
      const split = splitSubmitError(e, ['leftOn', 'reason']);
      setError(split.fieldErrors.leftOn ?? null);
      setFormError(split.formError);
    },
  });
  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={member ? t('patrolsPage.members.leaveTitle', { name: member.fullName }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const day = parseDateInput(leftOn);
          if (!day || !member) {
            setError(t('patrolsPage.dateInvalid'));
            return;
          }
          mutation.mutate({ id: member.id, body: { leftOn: day, ...(reason.trim() ? { reason } : {}) } });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('patrolsPage.members.leaveText')}</Text>
          <FormErrorAlert message={formError} />
          <TextInput
            label={t('patrolsPage.members.leftOn')}
            {...requiredField}
            inputMode="numeric"
            value={leftOn}
            onChange={(e) => setLeftOn(e.currentTarget.value)}
            error={error}
          />
          <Textarea label={t('patrolsPage.members.leaveReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending}>
              {t('patrolsPage.members.leaveConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
