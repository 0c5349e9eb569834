import { FOLLOW_UP_STATES, MEDIATION_RESULTS, MEDIATION_RISKS } from '@binh-an/domain';
import { Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, todayInVietnam } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { type CaseDetail, fetchCase, mediationKey, postCase } from './api.ts';
import { StatusBadge } from './book-page.tsx';
import { EditPartiesModal } from './parties-form.tsx';

const routeApi = getRouteApi('/signed-in/mediation/$caseId');

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** A small form that posts to one action of the case and shows its error in place. */
function useAction(c: CaseDetail, action: string) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => postCase(c.id, action, body),
    onSuccess: (next) => {
      client.setQueryData([...mediationKey, 'case', c.id], next);
      void client.invalidateQueries({ queryKey: [...mediationKey, 'cases'] });
      notifySuccess(t('mediationPage.case.saved'));
    },
  });
}

function SessionForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const save = useAction(c, 'sessions');
  const [heldOn, setHeld] = useState(todayInVietnam());
  const [place, setPlace] = useState('');
  const [summary, setSummary] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ heldOn, summary, ...(place ? { place } : {}) }, { onSuccess: () => setSummary('') });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="sm">
        {save.error ? <Alert color="red">{describeError(save.error)}</Alert> : null}
        <Group grow wrap="wrap">
          <TextInput
            type="date"
            label={t('mediationPage.case.heldOn')}
            value={heldOn}
            onChange={(e) => setHeld(e.currentTarget.value)}
            required
          />
          <TextInput label={t('mediationPage.case.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
        </Group>
        <Textarea
          label={t('mediationPage.case.sessionSummary')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          required
        />
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('mediationPage.case.addSession')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResultForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const save = useAction(c, 'result');
  const [result, setResult] = useState<string | null>('settled');
  const [on, setOn] = useState(todayInVietnam());
  const [text, setText] = useState('');
  const [written, setWritten] = useState(false);
  const [performance, setPerformance] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      result,
      on,
      ...(result === 'settled' ? { agreement: text, writtenRecord: written, ...(performance ? { performance } : {}) } : { demands: text }),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="sm">
        {save.error ? <Alert color="red">{describeError(save.error)}</Alert> : null}
        <Group grow wrap="wrap">
          <Select
            label={t('mediationPage.case.result')}
            data={MEDIATION_RESULTS.map((r) => ({ value: r, label: t(`mediation.statuses.${r}`) }))}
            value={result}
            onChange={setResult}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('mediationPage.case.resultOn')}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            required
          />
        </Group>
        <Textarea
          label={result === 'settled' ? t('mediationPage.case.agreement') : t('mediationPage.case.demands')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          required={result === 'settled'}
        />
        {result === 'settled' ? (
          <>
            <Checkbox
              label={t('mediationPage.case.writtenRecord')}
              checked={written}
              onChange={(e) => setWritten(e.currentTarget.checked)}
            />
            {written ? (
              <Textarea
                label={t('mediationPage.case.performance')}
                value={performance}
                onChange={(e) => setPerformance(e.currentTarget.value)}
              />
            ) : null}
          </>
        ) : null}
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('mediationPage.case.recordResult')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FollowUpForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const save = useAction(c, 'follow-ups');
  const [on, setOn] = useState(todayInVietnam());
  const [state, setState] = useState<string | null>('performed');
  const [note, setNote] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ on, state, ...(note ? { note } : {}) });
      }}
    >
      <Stack gap="xs" mt="sm">
        {save.error ? <Alert color="red">{describeError(save.error)}</Alert> : null}
        <Group grow wrap="wrap">
          <TextInput
            type="date"
            label={t('mediationPage.case.followUpOn')}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            required
          />
          <Select
            label={t('mediationPage.case.followUpState')}
            data={FOLLOW_UP_STATES.map((s) => ({ value: s, label: t(`mediation.followUpStates.${s}`) }))}
            value={state}
            onChange={setState}
            allowDeselect={false}
          />
        </Group>
        <TextInput label={t('mediationPage.case.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('mediationPage.case.addFollowUp')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RiskForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const save = useAction(c, 'risk');
  const [risk, setRisk] = useState<string | null>(c.risk);
  return (
    <Group align="flex-end" wrap="wrap" mt="xs">
      <Select
        label={t('mediationPage.case.risk')}
        data={MEDIATION_RISKS.map((r) => ({ value: r, label: t(`mediation.risks.${r}`) }))}
        value={risk}
        onChange={setRisk}
        allowDeselect={false}
      />
      <Button size="xs" variant="light" onClick={() => save.mutate({ risk })} loading={save.isPending}>
        {t('mediationPage.case.setRisk')}
      </Button>
    </Group>
  );
}

/** One case of the book: screening, parties, sessions, result, follow-up, risk and handing to the police. */
export function MediationCasePage() {
  const { t } = useTranslation();
  const { caseId } = routeApi.useParams();
  const can = useCan();
  const canManage = can('mediation.manage');
  const client = useQueryClient();
  const query = useQuery({ queryKey: [...mediationKey, 'case', caseId], queryFn: () => fetchCase(caseId) });
  const [isConfirming, setConfirming] = useState(false);
  const [isEditingParties, setEditingParties] = useState(false);
  const hand = useMutation({
    mutationFn: () => postCase(caseId, 'hand-to-police', {}),
    onSuccess: (next) => {
      client.setQueryData([...mediationKey, 'case', caseId], next);
      void client.invalidateQueries({ queryKey: [...mediationKey, 'cases'] });
      notifySuccess(t('mediationPage.case.handed', { number: next.history.policeCase?.number ?? '' }));
      setConfirming(false);
    },
  });
  if (query.isPending) return <LoadingState />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const c = query.data;
  const canHand = canManage && ['in_progress', 'not_settled', 'stopped', 'refused'].includes(c.status);
  return (
    <>
      <AnchorLink to="/mediation" size="sm">
        ← {t('mediationPage.case.back')}
      </AnchorLink>
      <PageHeader
        title={`${c.number} · ${t(`mediation.types.${c.type}`)}`}
        description={`${c.unitName} · ${formatDate(c.receivedOn)}`}
        actions={
          <Group gap="xs">
            <StatusBadge status={c.status} />
            {c.prolonged ? <Badge color="red">{t('mediationPage.case.prolonged')}</Badge> : null}
          </Group>
        }
      />
      <Stack>
        {!c.screening.inScope ? (
          <Alert color="red" title={t('mediationPage.case.outOfScope')}>
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {c.screening.reasons.map((r) => (
                <li key={r.code}>
                  {t(`mediation.exclusions.${r.code}`)} ({r.article} Luật Hòa giải ở cơ sở 2013)
                </li>
              ))}
            </ul>
            {c.refusalNote ? <Text size="sm">{c.refusalNote}</Text> : null}
            <Text size="sm">{t('mediationPage.case.outOfScopeHint')}</Text>
          </Alert>
        ) : null}
        {canHand ? (
          <Group>
            <Button
              color={c.screening.suggestPolice || c.risk !== 'none' ? 'red' : 'gray'}
              variant="light"
              onClick={() => setConfirming(true)}
            >
              {t('mediationPage.case.handToPolice')}
            </Button>
          </Group>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t('mediationPage.case.details')}>
            <Text size="sm">
              <strong>{t('mediationPage.case.ground')}:</strong> {t(`mediation.grounds.${c.ground}`)}
            </Text>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {c.summary}
            </Text>
            <Title order={3} size="h5" mt="sm">
              {t('mediationPage.case.parties')}
            </Title>
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {c.parties.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: parties are listed in the order recorded.
                <li key={i}>
                  {[
                    p.name,
                    p.age !== undefined ? t('mediationPage.case.years', { age: p.age }) : '',
                    p.address ?? '',
                    p.related ? t('mediationPage.case.related') : '',
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </li>
              ))}
            </ul>
            <Title order={3} size="h5" mt="sm">
              {t('mediationPage.case.mediators')}
            </Title>
            <Text size="sm">{c.mediators.map((m) => m.fullName).join(', ') || '—'}</Text>
            {c.invitees ? (
              <Text size="sm">
                <strong>{t('mediationPage.case.invitees')}:</strong> {c.invitees}
              </Text>
            ) : null}
            {canManage ? (
              <Group mt="sm">
                <Button size="xs" variant="light" onClick={() => setEditingParties(true)}>
                  {t('mediationPage.case.editParties')}
                </Button>
              </Group>
            ) : null}
            {isEditingParties ? <EditPartiesModal c={c} onClose={() => setEditingParties(false)} /> : null}
          </Section>
          <Section title={t('mediationPage.case.history')}>
            <Stack gap={4}>
              {c.history.tip ? <Text size="sm">{t('mediationPage.case.fromTip', { number: c.history.tip.number })}</Text> : null}
              <Text size="sm">
                {c.number} · {formatDate(c.receivedOn)}
              </Text>
              {c.history.policeCase ? (
                <Text size="sm">
                  {t('mediationPage.case.toCase', { date: formatDate(c.history.policeCase.on), number: c.history.policeCase.number })}
                </Text>
              ) : null}
              <Text size="sm">
                <strong>{t('mediationPage.case.risk')}:</strong> {t(`mediation.risks.${c.risk}`)}
                {c.riskNote ? ` — ${c.riskNote}` : ''}
              </Text>
            </Stack>
            {canManage ? <RiskForm c={c} /> : null}
          </Section>
        </SimpleGrid>
        {c.screening.inScope ? (
          <Section title={t('mediationPage.case.sessions')}>
            {c.sessions.length === 0 ? <Text size="sm">{t('mediationPage.case.noSessions')}</Text> : null}
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {c.sessions.map((s) => (
                <li key={s.id}>
                  <Text size="sm">
                    {formatDate(s.heldOn)}
                    {s.place ? ` · ${s.place}` : ''}: {s.summary}
                  </Text>
                </li>
              ))}
            </ul>
            {canManage && c.status !== 'settled' && c.status !== 'referred' ? <SessionForm c={c} /> : null}
          </Section>
        ) : null}
        {c.screening.inScope ? (
          <Section title={t('mediationPage.case.result')}>
            {c.resultOn ? (
              <Stack gap={4}>
                <Text size="sm">
                  {t(`mediation.statuses.${c.status}`)} · {formatDate(c.resultOn)}
                </Text>
                {c.agreement ? <Text size="sm">{c.agreement}</Text> : null}
                {c.demands ? <Text size="sm">{c.demands}</Text> : null}
                {c.writtenRecord && canManage ? (
                  <Group>
                    <Button component="a" size="xs" variant="light" href={`/api/v1/mediation/cases/${c.id}/settlement.pdf`} download>
                      {t('mediationPage.case.printRecord')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            ) : null}
            {canManage && c.status === 'in_progress' ? <ResultForm c={c} /> : null}
          </Section>
        ) : null}
        {c.status === 'settled' ? (
          <Section title={t('mediationPage.case.followUps')}>
            {c.followUps.length === 0 ? <Text size="sm">{t('mediationPage.case.noFollowUps')}</Text> : null}
            <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {c.followUps.map((f) => (
                <li key={f.id}>
                  <Text size="sm">
                    {formatDate(f.on)}: {t(`mediation.followUpStates.${f.state}`)}
                    {f.note ? ` — ${f.note}` : ''}
                  </Text>
                </li>
              ))}
            </ul>
            {canManage ? <FollowUpForm c={c} /> : null}
          </Section>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('mediationPage.case.handToPolice')}
        message={t('mediationPage.case.handConfirm')}
        confirmLabel={t('mediationPage.case.handToPolice')}
        onConfirm={() => hand.mutate()}
        onClose={() => setConfirming(false)}
        isLoading={hand.isPending}
        isDanger
        error={hand.error ? describeError(hand.error) : null}
      />
    </>
  );
}
