import type { CycleDetail } from '@binh-an/domain';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { refusalText } from '../mediation/team-forms.tsx';
import { certificateUrl, certificationKey, dossierUrl, fetchCycle, postStep } from './api.ts';
import { OutcomeBadge, WardRule } from './list-page.tsx';

const routeApi = getRouteApi('/signed-in/certification/$cycleId');

type Step = Parameters<typeof postStep>[1];

function useStep(cycle: CycleDetail, step: Step) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => postStep(cycle.id, step, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.steps.saved'));
    },
  });
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

function SelfAssessForm({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation();
  const save = useStep(cycle, 'self-assessment');
  const [meetingOn, setMeetingOn] = useState(cycle.meetingOn ?? laterOf(cycle.window.to, todayInVietnam()));
  const [chairedBy, setChair] = useState(cycle.chairedBy ?? '');
  const [attendees, setAttendees] = useState(cycle.attendees ?? '');
  const [answers, setAnswers] = useState(() =>
    Object.fromEntries(cycle.criteria.map((c) => [c.id, { met: c.answer?.met ?? true, note: c.answer?.note ?? '' }])),
  );
  return (
    <ActionForm
      id="step-self-assess"
      title={t('certificationPage.steps.selfAssess')}
      hint={t('certificationPage.steps.selfAssessHint')}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          meetingOn,
          chairedBy,
          ...(attendees.trim() ? { attendees } : {}),
          answers: cycle.criteria.map((c) => ({
            criterionId: c.id,
            met: answers[c.id]?.met ?? false,
            ...(answers[c.id]?.note.trim() ? { note: answers[c.id]?.note } : {}),
          })),
        });
      }}
      submit={{ label: t('certificationPage.steps.save'), isLoading: save.isPending }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="date"
          label={t('certificationPage.steps.meetingOn')}
          value={meetingOn}
          onChange={(e) => setMeetingOn(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('certificationPage.steps.chairedBy')}
          value={chairedBy}
          onChange={(e) => setChair(e.currentTarget.value)}
          required
        />
      </SimpleGrid>
      <Textarea
        label={t('certificationPage.steps.attendees')}
        value={attendees}
        onChange={(e) => setAttendees(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {cycle.criteria.map((c) => (
        <Group key={c.id} align="flex-start" wrap="wrap">
          <Checkbox
            label={t('certificationPage.steps.criterionMet', { article: c.article })}
            checked={answers[c.id]?.met ?? false}
            onChange={(e) => {
              const met = e.currentTarget.checked;
              setAnswers((a) => ({ ...a, [c.id]: { note: a[c.id]?.note ?? '', met } }));
            }}
            style={{ minWidth: '10rem' }}
          />
          <TextInput
            aria-label={t('certificationPage.steps.note', { article: c.article })}
            placeholder={t('certificationPage.steps.note', { article: c.article })}
            value={answers[c.id]?.note ?? ''}
            onChange={(e) => {
              const note = e.currentTarget.value;
              setAnswers((a) => ({ ...a, [c.id]: { met: a[c.id]?.met ?? false, note } }));
            }}
            style={{ flex: '1 1 14rem' }}
          />
        </Group>
      ))}
    </ActionForm>
  );
}

function DateStepForm({
  cycle,
  step,
  title,
  dateLabel,
  withOpinion,
}: {
  cycle: CycleDetail;
  step: 'submit' | 'appraisal';
  title: string;
  dateLabel: string;
  withOpinion?: boolean;
}) {
  const { t } = useTranslation();
  const save = useStep(cycle, step);
  const [day, setDay] = useState(todayInVietnam());
  const [opinion, setOpinion] = useState('');
  return (
    <ActionForm
      id={`step-${step}`}
      title={title}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(step === 'submit' ? { submittedOn: day } : { appraisedOn: day, opinion });
      }}
      submit={{ label: t('certificationPage.steps.save'), isLoading: save.isPending }}
    >
      <TextInput type="date" label={dateLabel} value={day} onChange={(e) => setDay(e.currentTarget.value)} required />
      {withOpinion ? (
        <Textarea
          label={t('certificationPage.steps.opinion')}
          value={opinion}
          onChange={(e) => setOpinion(e.currentTarget.value)}
          required
          autosize
          minRows={2}
        />
      ) : null}
    </ActionForm>
  );
}

function DecisionForm({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation();
  const save = useStep(cycle, 'decision');
  const [decidedOn, setDecidedOn] = useState(todayInVietnam());
  const [outcome, setOutcome] = useState<'recognised' | 'not_recognised'>(
    cycle.criteria.every((c) => c.answer?.met) ? 'recognised' : 'not_recognised',
  );
  const [decisionRef, setRef] = useState('');
  const [certificateNo, setCertificate] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const body = {
    decidedOn,
    outcome,
    decisionRef,
    ...(outcome === 'recognised' && certificateNo.trim() ? { certificateNo } : {}),
    ...(reason.trim() ? { reason } : {}),
  };
  return (
    <ActionForm
      id="step-decision"
      title={t('certificationPage.steps.decide')}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
      submit={{ label: t('certificationPage.steps.save'), isLoading: save.isPending }}
      after={
        <ConfirmDialog
          opened={confirming}
          title={t('certificationPage.steps.confirmTitle')}
          message={t('certificationPage.steps.confirmMessage', {
            outcome: t(`certification.outcomes.${outcome}`),
            unit: cycle.unitName,
            year: cycle.year,
          })}
          confirmLabel={t('certificationPage.steps.confirm')}
          isDanger={false}
          isLoading={save.isPending}
          onClose={() => setConfirming(false)}
          onConfirm={() => save.mutate(body, { onSettled: () => setConfirming(false) })}
        />
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="date"
          label={t('certificationPage.steps.decidedOn')}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
          required
        />
        <Select
          label={t('certificationPage.steps.outcome')}
          data={(['recognised', 'not_recognised'] as const).map((o) => ({ value: o, label: t(`certification.outcomes.${o}`) }))}
          value={outcome}
          allowDeselect={false}
          onChange={(v) => setOutcome((v as typeof outcome) ?? 'not_recognised')}
        />
        <TextInput
          label={t('certificationPage.steps.decisionRef')}
          value={decisionRef}
          onChange={(e) => setRef(e.currentTarget.value)}
          required
        />
        {outcome === 'recognised' ? (
          <TextInput
            label={t('certificationPage.steps.certificateNo')}
            value={certificateNo}
            onChange={(e) => setCertificate(e.currentTarget.value)}
          />
        ) : (
          <TextInput label={t('certificationPage.steps.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        )}
      </SimpleGrid>
    </ActionForm>
  );
}

function ClassificationForm({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation();
  const save = useStep(cycle, 'classification');
  const [scores, setScores] = useState<Record<string, number | string>>(() => ({ ...(cycle.classification?.scores ?? {}) }));
  const total = cycle.sheet.reduce((a, l) => a + (Number(scores[l.id]) || 0), 0);
  return (
    <ActionForm
      id="step-classification"
      title={t('certificationPage.steps.classify')}
      hint={t('certificationPage.steps.classifyHint', { date: formatDate(cycle.classificationDue) })}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ scores: Object.fromEntries(cycle.sheet.map((l) => [l.id, Number(scores[l.id]) || 0])) });
      }}
      submit={{ label: t('certificationPage.steps.save'), isLoading: save.isPending }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {cycle.sheet.map((l) => (
          <NumberInput
            key={l.id}
            label={t('certificationPage.steps.points', { line: l.text, max: l.max })}
            min={0}
            max={l.max}
            allowDecimal={false}
            value={scores[l.id] ?? ''}
            onChange={(v) => setScores((s) => ({ ...s, [l.id]: v }))}
          />
        ))}
      </SimpleGrid>
      <Text fw={500}>
        {cycle.classification
          ? t('certificationPage.steps.total', {
              total: cycle.classification.total,
              cls: t(`certification.classes.${cycle.classification.cls}`),
            })
          : `${total}/100`}
      </Text>
    </ActionForm>
  );
}

/** One unit's year: the steps taken, the criteria with the figures the system holds, the next step, the dossier. */
export function CertificationCyclePage() {
  const { t } = useTranslation();
  const can = useCan();
  const { cycleId } = routeApi.useParams();
  const query = useQuery({ queryKey: [...certificationKey, 'cycle', cycleId], queryFn: () => fetchCycle(cycleId) });
  if (query.isPending) return <LoadingState />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const c = query.data;
  const figuresShown = c.criteria.some((k) =>
    k.indicators.some((i) => i.value !== null && i.key !== 'householdRate' && i.key !== 'activeModels'),
  );
  return (
    <>
      <AnchorLink to="/certification" search={{ year: String(c.year) }} size="sm">
        ← {t('certificationPage.cycle.back')}
      </AnchorLink>
      <PageHeader
        title={t('certificationPage.cycle.title', { unit: c.unitName, year: c.year })}
        description={t('certificationPage.cycle.summary', {
          type: t(`certification.certTypes.${c.certType}`),
          from: formatDate(c.window.from),
          to: formatDate(c.window.to),
          due: formatDate(c.decisionDue),
        })}
        actions={
          <Group gap="xs">
            <Group gap="xs" aria-label={t('certificationPage.cycle.dossier')} role="group">
              {(['pdf', 'docx'] as const).map((format) => (
                <Button key={format} component="a" variant="light" href={dossierUrl(c.id, format)} download>
                  {format.toUpperCase()}
                </Button>
              ))}
            </Group>
            {c.stage === 'decided' && c.outcome === 'recognised' ? (
              <Button component="a" variant="filled" href={certificateUrl(c.id)} download>
                {t('certificationPage.cycle.certificatePdf')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Card withBorder mb="md" component="section" aria-labelledby="cycle-steps">
        <Group justify="space-between">
          <Title order={2} size="h4" id="cycle-steps">
            {t('certificationPage.cycle.steps')}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{t(`certification.stages.${c.stage}`)}</Badge>
            <OutcomeBadge outcome={c.outcome} />
          </Group>
        </Group>
        <List size="sm" mt="xs">
          <List.Item>
            {t('certificationPage.cycle.registeredOn', { date: formatDate(c.registeredOn) })}
            {c.households ? ` · ${t('certificationPage.cycle.households', c.households)}` : ''}
          </List.Item>
          {c.meetingOn ? (
            <List.Item>{t('certificationPage.cycle.meetingOn', { date: formatDate(c.meetingOn), chair: c.chairedBy ?? '—' })}</List.Item>
          ) : null}
          {c.submittedOn ? <List.Item>{t('certificationPage.cycle.submittedOn', { date: formatDate(c.submittedOn) })}</List.Item> : null}
          {c.appraisedOn ? (
            <List.Item>
              {t('certificationPage.cycle.appraisedOn', { date: formatDate(c.appraisedOn), opinion: c.appraisalOpinion ?? '' })}
            </List.Item>
          ) : null}
          {c.decidedOn && c.outcome ? (
            <List.Item>
              {t('certificationPage.cycle.decidedOn', {
                date: formatDate(c.decidedOn),
                outcome: t(`certification.outcomes.${c.outcome}`),
                ref: c.decisionRef ?? '',
              })}
              {c.certificateNo ? ` · ${t('certificationPage.cycle.certificate', { no: c.certificateNo })}` : ''}
              {c.reason ? ` · ${c.reason}` : ''}
            </List.Item>
          ) : null}
        </List>
      </Card>
      {c.ward ? <WardRule ward={c.ward} /> : null}
      <Title order={2} size="h4" mb="xs">
        {t('certificationPage.cycle.criteria')}
      </Title>
      {figuresShown ? null : (
        <Text size="sm" c="dimmed" mb="xs">
          {t('certificationPage.cycle.noFigures')}
        </Text>
      )}
      <DataTable caption={t('certificationPage.cycle.criteriaCaption', { year: c.year })} minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('certificationPage.cycle.criterion')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.cycle.evidence')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.cycle.figures')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.cycle.answer')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.criteria.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {k.source}, {k.article}
                </Text>
                {k.province ? (
                  <Badge size="sm" variant="light" color="grape">
                    {t('certificationPage.cycle.province')}
                  </Badge>
                ) : null}
                <Text size="sm">{k.text}</Text>
              </Table.Td>
              <Table.Td>{k.evidence.map((e) => t(`certification.evidence.${e}`)).join(', ')}</Table.Td>
              <Table.Td>
                {k.indicators.length === 0
                  ? '—'
                  : k.indicators.map((i) => (
                      <Text size="sm" key={i.key}>
                        {t(`certification.indicators.${i.key}`)}:{' '}
                        {i.value === null ? '—' : formatNumber(i.value, Number.isInteger(i.value) ? 0 : 1)}
                      </Text>
                    ))}
              </Table.Td>
              <Table.Td>
                {k.answer ? (
                  <Stack gap={2}>
                    <Badge color={k.answer.met ? 'green' : 'red'} variant="light">
                      {k.answer.met ? t('certificationPage.cycle.met') : t('certificationPage.cycle.notMet')}
                    </Badge>
                    {k.answer.note ? <Text size="xs">{k.answer.note}</Text> : null}
                  </Stack>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <Stack mt="md">
        {can('certification.assess') && (c.stage === 'registered' || c.stage === 'self_assessed') ? (
          <SelfAssessForm key={`sa-${c.stage}`} cycle={c} />
        ) : null}
        {can('certification.assess') && c.stage === 'self_assessed' ? (
          <DateStepForm
            cycle={c}
            step="submit"
            title={t('certificationPage.steps.submit')}
            dateLabel={t('certificationPage.steps.submittedOn')}
          />
        ) : null}
        {can('certification.decide') && c.stage === 'submitted' ? (
          <DateStepForm
            cycle={c}
            step="appraisal"
            title={t('certificationPage.steps.appraise')}
            dateLabel={t('certificationPage.steps.appraisedOn')}
            withOpinion
          />
        ) : null}
        {can('certification.decide') && c.stage === 'appraised' ? <DecisionForm cycle={c} /> : null}
        {can('certification.assess') ? <ClassificationForm key={`cl-${c.classification?.total ?? ''}`} cycle={c} /> : null}
      </Stack>
    </>
  );
}
