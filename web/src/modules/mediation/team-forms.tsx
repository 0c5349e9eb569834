import {
  COMPOSITION_ARTICLES,
  type CompositionProblem,
  compositionProblems,
  type LeaderVoteProblem,
  leaderVoteProblem,
  MEDIATION_MEMBER_ROLES,
  MEMBER_GENDERS,
} from '@binh-an/domain';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../lib/api.ts';
import { todayInVietnam } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useAllUnits } from '../units/api.ts';
import {
  addMediator,
  createTeam,
  leaveMediator,
  type MediatorView,
  mediationKey,
  type TeamView,
  updateMediator,
  updateTeam,
} from './api.ts';

type MemberFacts = Pick<MediatorView, 'role' | 'gender' | 'ethnicMinority' | 'joinedOn' | 'leftOn'>;

/** The server's refusal with each field's message (a leader without a majority says why, with the article). */
export function refusalText(error: unknown): string {
  const head = describeError(error);
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return head;
  return `${head}: ${error.fieldErrors.map((f) => f.message).join(' ')}`;
}

/** The composition problems (Art. 12.1) a team would have today with these members. */
export function problemsOf(members: readonly MemberFacts[], ethnicArea: boolean): CompositionProblem[] {
  return compositionProblems(
    members.map((m) => ({ role: m.role, gender: m.gender, ethnicMinority: m.ethnicMinority, joinedOn: m.joinedOn, leftOn: m.leftOn })),
    todayInVietnam(),
    { ethnicArea },
  );
}

/**
 * The composition warning as the team would stand after the change being typed (Luật HGCS 2013 Art. 12.1), announced
 * politely as it changes.
 */
export function CompositionPreview({ problems }: { problems: readonly CompositionProblem[] }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite">
      {problems.length ? (
        <Alert color="orange" title={t('mediationPage.teams.previewWarning')}>
          <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
            {problems.map((code) => (
              <li key={code}>
                {t(`mediation.composition.${code}`)} ({COMPOSITION_ARTICLES[code]})
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Text size="sm">{t('mediationPage.teams.previewOk')}</Text>
      )}
    </div>
  );
}

const VOTE_MESSAGES: Record<LeaderVoteProblem, string> = {
  noMajority: 'leaderNoMajority',
  totalNotTeam: 'leaderVoteTotal',
  forOverTotal: 'leaderVoteOverTotal',
};

type VoteState = { for: number | string; total: number | string };

/**
 * The result of the team-leader election (Luật HGCS 2013 Art. 14.1): mediators in favour and the team's mediators; says
 * at once whether it is more than half of the team.
 */
function LeaderVoteFields({ vote, onChange, teamSize }: { vote: VoteState; onChange: (v: VoteState) => void; teamSize: number }) {
  const { t } = useTranslation();
  const isComplete = typeof vote.for === 'number' && typeof vote.total === 'number';
  const problem = isComplete ? leaderVoteProblem({ for: vote.for as number, total: vote.total as number }, teamSize) : null;
  return (
    <Stack gap="xs">
      <Group grow wrap="wrap" align="flex-start">
        <NumberInput
          label={t('mediationPage.teams.votesFor')}
          value={vote.for}
          min={0}
          max={200}
          allowDecimal={false}
          required
          onChange={(v) => onChange({ ...vote, for: v })}
        />
        <NumberInput
          label={t('mediationPage.teams.votesTotal')}
          description={t('mediationPage.teams.votesTotalHint', { count: teamSize })}
          value={vote.total}
          min={1}
          max={200}
          allowDecimal={false}
          required
          onChange={(v) => onChange({ ...vote, total: v })}
        />
      </Group>
      <div role="status" aria-live="polite">
        {isComplete ? (
          <Text size="sm" c={problem ? 'red.8' : undefined}>
            {problem ? t(`mediation.errors.${VOTE_MESSAGES[problem]}`) : t('mediationPage.teams.voteOk')}
          </Text>
        ) : (
          <Text size="sm">{t('mediationPage.teams.voteRule')}</Text>
        )}
      </div>
    </Stack>
  );
}

const voteBody = (vote: VoteState) =>
  typeof vote.for === 'number' && typeof vote.total === 'number' ? { leaderVote: { for: vote.for, total: vote.total } } : {};

function useTeamSaved(message: string, onClose: () => void) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return () => {
    notifySuccess(t(message));
    void client.invalidateQueries({ queryKey: mediationKey });
    onClose();
  };
}

function FormButtons({ onClose, isLoading }: { onClose: () => void; isLoading: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" wrap="wrap">
      <Button variant="default" onClick={onClose}>
        {t('mediationPage.teams.cancel')}
      </Button>
      <Button type="submit" loading={isLoading}>
        {t('mediationPage.teams.save')}
      </Button>
    </Group>
  );
}

/** Sets up a team for a block (Art. 12: the chair of the commune decides the teams of each thôn or tổ dân phố). */
export function CreateTeamModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const blocks = (useAllUnits().data ?? []).filter((u) => u.type === 'block' && u.isActive);
  const [unitId, setUnitId] = useState<string | null>(null);
  const block = unitId ?? blocks[0]?.id ?? null;
  const [name, setName] = useState('');
  const [establishedOn, setEstablished] = useState(todayInVietnam());
  const [decisionRef, setDecision] = useState('');
  const [ethnicArea, setEthnicArea] = useState(false);
  const done = useTeamSaved('mediationPage.teams.created', onClose);
  const save = useMutation({
    mutationFn: () => createTeam({ unitId: block ?? '', name, establishedOn, ethnicArea, ...(decisionRef.trim() ? { decisionRef } : {}) }),
    onSuccess: done,
  });
  return (
    <Modal opened onClose={onClose} title={t('mediationPage.teams.createTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          <Select
            label={t('mediationPage.teams.block')}
            data={blocks.map((b) => ({ value: b.id, label: b.name }))}
            value={block}
            onChange={setUnitId}
            allowDeselect={false}
          />
          <TextInput label={t('mediationPage.teams.teamName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <TextInput
            type="date"
            label={t('mediationPage.teams.establishedOn')}
            value={establishedOn}
            onChange={(e) => setEstablished(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('mediationPage.teams.decisionRef')}
            value={decisionRef}
            onChange={(e) => setDecision(e.currentTarget.value)}
          />
          <Checkbox
            label={t('mediationPage.teams.ethnicArea')}
            checked={ethnicArea}
            onChange={(e) => setEthnicArea(e.currentTarget.checked)}
          />
          <CompositionPreview problems={problemsOf([], ethnicArea)} />
          <FormButtons onClose={onClose} isLoading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Changes a team's name, decision, ethnic-area flag, closing day or note; the warning follows the flag as it changes. */
export function EditTeamModal({ team, onClose }: { team: TeamView; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(team.name);
  const [decisionRef, setDecision] = useState(team.decisionRef ?? '');
  const [ethnicArea, setEthnicArea] = useState(team.ethnicArea);
  const [closedOn, setClosed] = useState(team.closedOn ?? '');
  const [note, setNote] = useState(team.note ?? '');
  const done = useTeamSaved('mediationPage.teams.saved', onClose);
  const save = useMutation({
    mutationFn: () => updateTeam(team.id, { name, decisionRef, ethnicArea, closedOn: closedOn || null, note }),
    onSuccess: done,
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('mediationPage.teams.editTitle', { team: team.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          <TextInput label={t('mediationPage.teams.teamName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <TextInput
            label={t('mediationPage.teams.decisionRef')}
            value={decisionRef}
            onChange={(e) => setDecision(e.currentTarget.value)}
          />
          <Checkbox
            label={t('mediationPage.teams.ethnicArea')}
            checked={ethnicArea}
            onChange={(e) => setEthnicArea(e.currentTarget.checked)}
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.closedOn')}
            value={closedOn}
            onChange={(e) => setClosed(e.currentTarget.value)}
          />
          <Textarea
            label={t('mediationPage.teams.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <CompositionPreview problems={problemsOf(team.members, ethnicArea)} />
          <FormButtons onClose={onClose} isLoading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Adds a mediator or the team leader; the warning shows the team with the newcomer as the fields change. */
export function AddMediatorModal({ team, onClose }: { team: TeamView; onClose: () => void }) {
  const { t } = useTranslation();
  const [fullName, setName] = useState('');
  const [gender, setGender] = useState<'female' | 'male'>('female');
  const [role, setRole] = useState<'leader' | 'member'>('member');
  const [ethnicMinority, setEthnic] = useState(false);
  const [joinedOn, setJoined] = useState(todayInVietnam());
  const [proposedOn, setProposed] = useState('');
  const teamSize = team.members.filter((m) => m.serving).length + 1;
  const [vote, setVote] = useState<VoteState>({ for: '', total: teamSize });
  const done = useTeamSaved('mediationPage.teams.added', onClose);
  const save = useMutation({
    mutationFn: () =>
      addMediator(team.id, {
        fullName,
        gender,
        role,
        ethnicMinority,
        joinedOn,
        ...(proposedOn ? { proposedOn } : {}),
        ...(role === 'leader' ? voteBody(vote) : {}),
      }),
    onSuccess: done,
  });
  const preview = problemsOf([...team.members, { role, gender, ethnicMinority, joinedOn, leftOn: null }], team.ethnicArea);
  return (
    <Modal opened onClose={onClose} title={t('mediationPage.teams.addMember')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          <TextInput label={t('mediationPage.teams.name')} value={fullName} onChange={(e) => setName(e.currentTarget.value)} required />
          <Select
            label={t('mediationPage.teams.gender')}
            data={MEMBER_GENDERS.map((g) => ({ value: g, label: t(`mediation.genders.${g}`) }))}
            value={gender}
            onChange={(v) => setGender((v as 'female' | 'male' | null) ?? 'female')}
            allowDeselect={false}
          />
          <Select
            label={t('mediationPage.teams.role')}
            data={MEDIATION_MEMBER_ROLES.map((r) => ({ value: r, label: t(`mediation.memberRoles.${r}`) }))}
            value={role}
            onChange={(v) => setRole((v as 'leader' | 'member' | null) ?? 'member')}
            allowDeselect={false}
          />
          {role === 'leader' ? <LeaderVoteFields vote={vote} onChange={setVote} teamSize={teamSize} /> : null}
          <Checkbox
            label={t('mediationPage.teams.ethnicMinority')}
            checked={ethnicMinority}
            onChange={(e) => setEthnic(e.currentTarget.checked)}
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.joinedOn')}
            value={joinedOn}
            onChange={(e) => setJoined(e.currentTarget.value)}
            required
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.proposedOn')}
            value={proposedOn}
            onChange={(e) => setProposed(e.currentTarget.value)}
          />
          <CompositionPreview problems={preview} />
          <FormButtons onClose={onClose} isLoading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Changes a mediator's role, recognition or training; the warning shows the team with the new role. */
export function EditMediatorModal({ team, member, onClose }: { team: TeamView; member: MediatorView; onClose: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<'leader' | 'member'>(member.role);
  const [proposedOn, setProposed] = useState(member.proposedOn ?? '');
  const [recognisedOn, setRecognised] = useState(member.recognisedOn ?? '');
  const [decisionRef, setDecision] = useState(member.decisionRef ?? '');
  const [trainedOn, setTrained] = useState(member.trainedOn ?? '');
  const teamSize = team.members.filter((m) => m.serving).length;
  const [vote, setVote] = useState<VoteState>({ for: '', total: teamSize });
  const isElecting = role === 'leader' && member.role !== 'leader';
  const done = useTeamSaved('mediationPage.teams.saved', onClose);
  const save = useMutation({
    mutationFn: () =>
      updateMediator(team.id, member.id, {
        ...(role !== member.role ? { role } : {}),
        ...(isElecting ? voteBody(vote) : {}),
        proposedOn: proposedOn || null,
        recognisedOn: recognisedOn || null,
        decisionRef,
        trainedOn: trainedOn || null,
      }),
    onSuccess: done,
  });
  const preview = problemsOf(
    team.members.map((m) => (m.id === member.id ? { ...m, role } : m)),
    team.ethnicArea,
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('mediationPage.teams.editMemberTitle', { name: member.fullName })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          <Select
            label={t('mediationPage.teams.role')}
            data={MEDIATION_MEMBER_ROLES.map((r) => ({ value: r, label: t(`mediation.memberRoles.${r}`) }))}
            value={role}
            onChange={(v) => setRole((v as 'leader' | 'member' | null) ?? member.role)}
            allowDeselect={false}
          />
          {isElecting ? <LeaderVoteFields vote={vote} onChange={setVote} teamSize={teamSize} /> : null}
          <TextInput
            type="date"
            label={t('mediationPage.teams.proposedOn')}
            value={proposedOn}
            onChange={(e) => setProposed(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.recognisedOnLabel')}
            value={recognisedOn}
            onChange={(e) => setRecognised(e.currentTarget.value)}
          />
          <TextInput
            label={t('mediationPage.teams.decisionRef')}
            value={decisionRef}
            onChange={(e) => setDecision(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('mediationPage.teams.trainedOnLabel')}
            value={trainedOn}
            onChange={(e) => setTrained(e.currentTarget.value)}
          />
          <CompositionPreview problems={preview} />
          <FormButtons onClose={onClose} isLoading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * A mediator leaves the role (thôi làm hòa giải viên): the day and the reason, the team as it will stand, then a
 * confirmation naming the mediator and the consequence.
 */
export function LeaveMediatorModal({ team, member, onClose }: { team: TeamView; member: MediatorView; onClose: () => void }) {
  const { t } = useTranslation();
  const [leftOn, setLeft] = useState(todayInVietnam());
  const [reason, setReason] = useState('');
  const [isConfirming, setConfirming] = useState(false);
  const done = useTeamSaved('mediationPage.teams.left', onClose);
  const save = useMutation({ mutationFn: () => leaveMediator(team.id, member.id, { leftOn, reason }), onSuccess: done });
  const preview = problemsOf(
    team.members.map((m) => (m.id === member.id ? { ...m, leftOn } : m)),
    team.ethnicArea,
  );
  return (
    <>
      <Modal
        opened={!isConfirming}
        onClose={onClose}
        title={t('mediationPage.teams.leaveTitle', { name: member.fullName })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <Stack>
            <TextInput
              type="date"
              label={t('mediationPage.teams.leftOnLabel')}
              value={leftOn}
              onChange={(e) => setLeft(e.currentTarget.value)}
              required
            />
            <Textarea
              label={t('mediationPage.teams.leaveReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              autosize
              minRows={2}
            />
            <CompositionPreview problems={preview} />
            <Group justify="flex-end" wrap="wrap">
              <Button variant="default" onClick={onClose}>
                {t('mediationPage.teams.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!reason.trim() || !leftOn}>
                {t('mediationPage.teams.leaveNext')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ConfirmDialog
        opened={isConfirming}
        title={t('mediationPage.teams.leaveConfirmTitle')}
        message={
          preview.length
            ? t('mediationPage.teams.leaveConfirmWarning', {
                name: member.fullName,
                team: team.name,
                problems: preview.map((p) => t(`mediation.composition.${p}`)).join('; '),
              })
            : t('mediationPage.teams.leaveConfirm', { name: member.fullName, team: team.name })
        }
        confirmLabel={t('mediationPage.teams.leaveAction')}
        onConfirm={() => save.mutate()}
        onClose={() => setConfirming(false)}
        isLoading={save.isPending}
        error={save.error ? refusalText(save.error) : null}
      />
    </>
  );
}
