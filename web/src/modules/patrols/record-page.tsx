import {
  INCIDENT_HANDLINGS,
  INCIDENT_TYPES,
  PARTICIPANT_KINDS,
  type ParticipantKind,
  RESIDENCE_ACTIONS,
  RESIDENCE_FINDINGS,
  RESIDENCE_PREMISES,
  type ResidenceFinding,
} from '@binh-an/domain';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { translateMessageKey } from '../../lib/i18n.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconCheck, IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { CheckpointScan, type ScanResult } from './checkpoint-scan.tsx';
import { FieldLayout, NeedsNetwork } from './field-layout.tsx';
import { useFieldSession } from './field-session.ts';
import { correctRound, type OutboxEntry, saveRound } from './offline/outbox.ts';
import { startOutboxSync, syncNow } from './offline/outbox-state.ts';
import { registerServiceWorker } from './offline/register-service-worker.ts';
import { clearDraft, type FieldKit, loadDraft, saveDraft } from './offline/vault.ts';
import { OutboxPanel } from './outbox-panel.tsx';
import { buildRound, type DraftRound, draftFromRound, newDraft, switchTeam, toVnLocal, vnIso } from './record-model.ts';
import './patrols.css';

/** The draft kept on the device: the form, and the refused round it corrects, if any. */
type StoredDraft = { draft: DraftRound; correcting: string | null };

let keySeed = 0;
const newKey = () => `k${Date.now().toString(36)}${(keySeed++).toString(36)}`;

function currentPosition(): Promise<{ lat: number; lng: number; accuracyM: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  });
}

/** "Ghi lượt tuần tra": the phone screen that records a round, with or without a network. */
export function RecordPage() {
  const { t } = useTranslation();
  const { session, ensureTeam } = useFieldSession();
  useEffect(() => registerServiceWorker(), []);
  const kit = session.status === 'ready' ? session.kit : null;
  const account = kit ? kit.user : null;

  return (
    <FieldLayout title={t('patrolsPage.record.title')} account={account}>
      {session.status === 'loading' ? <LoadingState /> : null}
      {session.status === 'needsNetwork' ? <NeedsNetwork onRetry={() => window.location.reload()} /> : null}
      {session.status === 'error' ? <ErrorAlert error={session.error} onRetry={() => window.location.reload()} /> : null}
      {kit ? <RecordScreen kit={kit} isFromDevice={session.status === 'ready' && session.isFromDevice} ensureTeam={ensureTeam} /> : null}
    </FieldLayout>
  );
}

function RecordScreen({
  kit,
  isFromDevice,
  ensureTeam,
}: {
  kit: FieldKit;
  isFromDevice: boolean;
  ensureTeam: (teamId: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const userId = kit.user.id;
  const [stored, setStored] = useState<StoredDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [scanning, setScanning] = useState<string | null>(null);
  const [guestName, setGuestName] = useState('');
  const [guestKind, setGuestKind] = useState<ParticipantKind>('civilian');
  const [guestError, setGuestError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => startOutboxSync(userId), [userId]);

  // The unfinished form comes back as it was left (once: a fresher field kit arriving later must not undo typing).
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (loadedFor.current === userId) return;
    loadedFor.current = userId;
    loadDraft<StoredDraft>(userId)
      .catch(() => null)
      .then((kept) => setStored(kept?.draft ? kept : { draft: newDraft(kit, new Date()), correcting: null }));
  }, [userId, kit]);

  // … and is kept, sealed, a moment after each change.
  useEffect(() => {
    if (!stored) return;
    const timer = setTimeout(() => void saveDraft(userId, stored).catch(() => undefined), 300);
    return () => clearTimeout(timer);
  }, [stored, userId]);

  const draft = stored?.draft ?? null;
  const team = useMemo(() => kit.teams.find((x) => x.id === draft?.teamId), [kit, draft?.teamId]);
  useEffect(() => {
    if (team && !team.members) void ensureTeam(team.id);
  }, [team, ensureTeam]);

  const update = useCallback((patch: Partial<DraftRound> | ((d: DraftRound) => DraftRound)) => {
    setStored((current) => {
      if (!current) return current;
      const next = typeof patch === 'function' ? patch(current.draft) : { ...current.draft, ...patch };
      return { ...current, draft: next };
    });
    setSaved(null);
  }, []);

  const markCheckpoint = useCallback(
    async (checkpointId: string, scan?: ScanResult) => {
      const at = vnIso(new Date());
      const position = stored?.draft.withGps ? await currentPosition() : null;
      const method = scan ? 'qr' : position ? 'gps' : 'tap';
      update((d) => ({
        ...d,
        checkpoints: [
          ...d.checkpoints.filter((c) => c.checkpointId !== checkpointId),
          { checkpointId, at, method, ...(scan ? { code: scan.code } : {}), ...(position ?? {}) },
        ],
      }));
    },
    [stored?.draft.withGps, update],
  );

  const onScan = useCallback(
    (result: ScanResult) => {
      const route = team?.routes?.find((r) => r.id === draft?.routeId);
      const target = result.checkpointId ?? scanning;
      setScanning(null);
      if (!target || !route?.checkpoints.some((c) => c.id === target)) {
        setErrors({ checkpoints: t('patrolsPage.record.scanOtherRoute') });
        return;
      }
      void markCheckpoint(target, result);
    },
    [team, draft?.routeId, scanning, markCheckpoint, t],
  );

  if (!stored || !draft) return <LoadingState />;

  const route = team?.routes?.find((r) => r.id === draft.routeId);
  const shifts = kit.shifts.filter((s) => s.teamId === draft.teamId);
  const fieldError = (path: string) => (errors[path] ? errors[path] : undefined);

  const addGuest = () => {
    const name = guestName.trim();
    if (!name) {
      setGuestError(t('patrolsPage.record.guestNameRequired'));
      return;
    }
    update((d) => ({ ...d, guests: [...d.guests, { key: newKey(), name, kind: guestKind }] }));
    setGuestName('');
    setGuestError(null);
  };

  const submit = async () => {
    const now = new Date();
    const result = buildRound(draft, kit, now);
    if (result.errors) {
      const translated = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, translateMessageKey(v)]));
      setErrors(translated);
      setSaved(null);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSaving(true);
    try {
      if (stored.correcting) await correctRound(stored.correcting, result.round);
      else await saveRound(userId, result.round);
      await clearDraft(userId).catch(() => undefined);
      setStored({ draft: newDraft(kit, now, { teamId: draft.teamId, routeId: draft.routeId, withGps: draft.withGps }), correcting: null });
      setErrors({});
      setSaved(t('patrolsPage.record.saved', { time: formatDateTime(now).slice(11) }));
      void syncNow(false);
    } catch {
      setErrors({ form: t('patrolsPage.record.saveFailed') });
    } finally {
      setSaving(false);
    }
  };

  const correct = (entry: OutboxEntry) => {
    setStored({ draft: draftFromRound(entry.round.body), correcting: entry.idempotencyKey });
    setErrors(entry.refusal ? { form: entry.refusal.message } : {});
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const errorList = Object.values(errors);
  const members = team?.members ?? [];
  const marked = new Map(draft.checkpoints.map((c) => [c.checkpointId, c]));

  return (
    <Stack gap="md">
      {isFromDevice ? (
        <Text size="sm" c="dimmed">
          {t('patrolsPage.record.fromDevice', { time: formatDateTime(new Date(kit.savedAt)) })}
        </Text>
      ) : null}
      <OutboxPanel userId={userId} onCorrect={correct} />

      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        aria-labelledby="patrol-record-form-title"
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="patrol-record-form-title">
            {stored.correcting ? t('patrolsPage.record.correctTitle') : t('patrolsPage.record.formTitle')}
          </Title>
          {errorList.length > 0 ? (
            <Alert color="red" variant="light" title={t('patrolsPage.record.errorSummary')} ref={summaryRef} tabIndex={-1} role="alert">
              <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
                {errorList.map((message, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same message may appear for several fields.
                  <li key={index}>{message}</li>
                ))}
              </ul>
            </Alert>
          ) : null}

          <Paper withBorder p="md" component="section" aria-labelledby="patrol-when">
            <Title order={3} size="h4" id="patrol-when" mb="sm">
              {t('patrolsPage.record.whenTitle')}
            </Title>
            <Stack gap="sm">
              <NativeSelect
                label={t('patrolsPage.record.team')}
                size="md"
                data={kit.teams.map((x) => ({ value: x.id, label: x.name }))}
                value={draft.teamId}
                onChange={(event) => {
                  const next = kit.teams.find((x) => x.id === event.currentTarget.value);
                  update((d) => switchTeam(d, next));
                }}
                error={fieldError('teamId')}
              />
              <NativeSelect
                label={t('patrolsPage.record.route')}
                size="md"
                data={[
                  { value: '', label: t('patrolsPage.record.noRoute') },
                  ...(team?.routes ?? []).map((r) => ({ value: r.id, label: r.name })),
                ]}
                value={draft.routeId}
                onChange={(event) => update({ routeId: event.currentTarget.value, checkpoints: [] })}
              />
              {shifts.length > 0 ? (
                <NativeSelect
                  label={t('patrolsPage.record.shift')}
                  size="md"
                  data={[
                    { value: '', label: t('patrolsPage.record.noShift') },
                    ...shifts.map((s) => ({
                      value: s.id,
                      label: `${formatDateTime(s.startsAt)}–${formatDateTime(s.endsAt).slice(11)}${s.routeName ? ` · ${s.routeName}` : ''}`,
                    })),
                  ]}
                  value={draft.shiftId}
                  onChange={(event) => {
                    const shift = shifts.find((s) => s.id === event.currentTarget.value);
                    update((d) => ({
                      ...d,
                      shiftId: shift?.id ?? '',
                      ...(shift ? { startedAt: toVnLocal(shift.startsAt) } : {}),
                      ...(shift?.routeId && shift.routeId !== d.routeId ? { routeId: shift.routeId, checkpoints: [] } : {}),
                    }));
                  }}
                />
              ) : null}
              <Stack gap={6}>
                <TextInput
                  type="datetime-local"
                  label={t('patrolsPage.record.startedAt')}
                  size="md"
                  value={draft.startedAt}
                  onChange={(event) => update({ startedAt: event.currentTarget.value })}
                  error={fieldError('startedAt')}
                />
                <Button
                  variant="light"
                  size="md"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => update({ startedAt: toVnLocal(new Date()) })}
                >
                  {t('patrolsPage.record.now')}
                </Button>
              </Stack>
              <Stack gap={6}>
                <TextInput
                  type="datetime-local"
                  label={t('patrolsPage.record.endedAt')}
                  size="md"
                  value={draft.endedAt}
                  onChange={(event) => update({ endedAt: event.currentTarget.value })}
                  error={fieldError('endedAt')}
                />
                <Button
                  variant="light"
                  size="md"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => update({ endedAt: toVnLocal(new Date()) })}
                >
                  {t('patrolsPage.record.now')}
                </Button>
              </Stack>
            </Stack>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="patrol-people">
            <Title order={3} size="h4" id="patrol-people" mb="xs">
              {t('patrolsPage.record.peopleTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('patrolsPage.record.peopleHint')}
            </Text>
            {fieldError('participants') ? (
              <Text c="red.8" size="sm" mb="xs" role="alert">
                {fieldError('participants')}
              </Text>
            ) : null}
            <Stack gap={4}>
              {team && !team.members ? <Text size="sm">{t('patrolsPage.record.rosterUnavailable')}</Text> : null}
              {members.map((m) => (
                <Checkbox
                  key={m.id}
                  size="md"
                  className="patrol-touch-row"
                  label={`${m.fullName} — ${t(`patrols.memberRoles.${m.role}`)}`}
                  description={t(`patrols.participantKinds.${m.force}`)}
                  checked={draft.memberIds.includes(m.id)}
                  onChange={(event) => {
                    const isChecked = event.currentTarget.checked;
                    update((d) => ({
                      ...d,
                      memberIds: isChecked ? [...d.memberIds, m.id] : d.memberIds.filter((x) => x !== m.id),
                    }));
                  }}
                />
              ))}
            </Stack>
            {draft.guests.length > 0 ? (
              <ul className="patrol-plain-list">
                {draft.guests.map((g) => (
                  <li key={g.key}>
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm">
                        {g.name} — {t(`patrols.participantKinds.${g.kind}`)}
                      </Text>
                      <Button
                        size="sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('patrolsPage.record.removeGuest', { name: g.name })}
                        onClick={() => update((d) => ({ ...d, guests: d.guests.filter((x) => x.key !== g.key) }))}
                      >
                        {t('patrolsPage.record.remove')}
                      </Button>
                    </Group>
                  </li>
                ))}
              </ul>
            ) : null}
            <Stack gap="xs" mt="sm">
              <TextInput
                label={t('patrolsPage.record.guestName')}
                size="md"
                value={guestName}
                onChange={(event) => setGuestName(event.currentTarget.value)}
                error={guestError}
                autoComplete="off"
              />
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <NativeSelect
                  label={t('patrolsPage.record.guestKind')}
                  size="md"
                  data={PARTICIPANT_KINDS.map((k) => ({ value: k, label: t(`patrols.participantKinds.${k}`) }))}
                  value={guestKind}
                  onChange={(event) => setGuestKind(event.currentTarget.value as ParticipantKind)}
                  style={{ flex: 1 }}
                />
                <Button size="md" variant="outline" leftSection={<IconPlus size={16} />} onClick={addGuest}>
                  {t('patrolsPage.record.addGuest')}
                </Button>
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="patrol-checkpoints">
            <Title order={3} size="h4" id="patrol-checkpoints" mb="xs">
              {t('patrolsPage.record.checkpointsTitle')}
            </Title>
            {route ? (
              <>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('patrolsPage.record.checkpointsHint', {
                    reached: formatNumber(draft.checkpoints.length),
                    total: formatNumber(route.checkpoints.length),
                  })}
                </Text>
                {fieldError('checkpoints') ? (
                  <Text c="red.8" size="sm" mb="xs" role="alert">
                    {fieldError('checkpoints')}
                  </Text>
                ) : null}
                <Checkbox
                  size="md"
                  mb="sm"
                  label={t('patrolsPage.record.withGps')}
                  description={t('patrolsPage.record.withGpsHint')}
                  checked={draft.withGps}
                  onChange={(event) => update({ withGps: event.currentTarget.checked })}
                />
                <ol className="patrol-checkpoints">
                  {route.checkpoints.map((cp) => {
                    const mark = marked.get(cp.id);
                    return (
                      <li key={cp.id}>
                        <Text fw={700}>{cp.name}</Text>
                        {cp.unitName ? (
                          <Text size="sm" c="dimmed">
                            {cp.unitName}
                          </Text>
                        ) : null}
                        {mark ? (
                          <Group gap="xs" justify="space-between" wrap="wrap">
                            <Text size="sm" c="green.9" fw={500}>
                              <IconCheck size={16} />{' '}
                              {t('patrolsPage.record.reachedAt', {
                                time: formatDateTime(mark.at).slice(11),
                                method: t(`patrols.checkpointMethods.${mark.method}`),
                              })}
                            </Text>
                            <Button
                              size="sm"
                              variant="subtle"
                              aria-label={t('patrolsPage.record.unmarkNamed', { name: cp.name })}
                              onClick={() => update((d) => ({ ...d, checkpoints: d.checkpoints.filter((c) => c.checkpointId !== cp.id) }))}
                            >
                              {t('patrolsPage.record.unmark')}
                            </Button>
                          </Group>
                        ) : (
                          <Group gap="xs" grow>
                            <Button
                              size="md"
                              onClick={() => void markCheckpoint(cp.id)}
                              aria-label={t('patrolsPage.record.markNamed', { name: cp.name })}
                            >
                              {t('patrolsPage.record.mark')}
                            </Button>
                            <Button
                              size="md"
                              variant="outline"
                              onClick={() => setScanning(cp.id)}
                              aria-label={t('patrolsPage.record.scanNamed', { name: cp.name })}
                            >
                              {t('patrolsPage.record.scan')}
                            </Button>
                          </Group>
                        )}
                      </li>
                    );
                  })}
                </ol>
              </>
            ) : (
              <Text size="sm">{t('patrolsPage.record.noRouteHint')}</Text>
            )}
          </Paper>

          <ResidenceChecks draft={draft} update={update} errors={errors} />
          <Incidents draft={draft} update={update} errors={errors} />

          <Paper withBorder p="md" component="section" aria-labelledby="patrol-note">
            <Title order={3} size="h4" id="patrol-note" mb="xs">
              {t('patrolsPage.record.noteTitle')}
            </Title>
            <Textarea
              label={t('patrolsPage.record.note')}
              size="md"
              autosize
              minRows={2}
              maxLength={2000}
              value={draft.note}
              onChange={(event) => update({ note: event.currentTarget.value })}
              error={fieldError('note')}
            />
          </Paper>

          <Paper withBorder p="sm" className="patrol-submit-bar">
            <Stack gap={4}>
              <Button type="submit" size="lg" fullWidth loading={isSaving}>
                {stored.correcting ? t('patrolsPage.record.saveCorrection') : t('patrolsPage.record.save')}
              </Button>
              <Text size="sm" role="status" ta="center" mih="1.25rem">
                {saved ?? ''}
              </Text>
              {stored.correcting ? (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setStored({ draft: newDraft(kit, new Date()), correcting: null });
                    setErrors({});
                  }}
                >
                  {t('patrolsPage.record.cancelCorrection')}
                </Button>
              ) : null}
            </Stack>
          </Paper>
        </Stack>
      </form>
      <CheckpointScan
        checkpointName={scanning ? (route?.checkpoints.find((c) => c.id === scanning)?.name ?? '') : null}
        onClose={() => setScanning(null)}
        onResult={onScan}
      />
    </Stack>
  );
}

type SectionProps = {
  draft: DraftRound;
  update: (patch: (d: DraftRound) => DraftRound) => void;
  errors: Record<string, string>;
};

function ResidenceChecks({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const change = (key: string, patch: Partial<DraftRound['residenceChecks'][number]>) =>
    update((d) => ({ ...d, residenceChecks: d.residenceChecks.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="patrol-residence">
      <Title order={3} size="h4" id="patrol-residence" mb="xs">
        {t('patrolsPage.record.residenceTitle')}
      </Title>
      <Stack gap="md">
        {draft.residenceChecks.map((r, index) => (
          <fieldset key={r.key} className="patrol-fieldset">
            <legend>{t('patrolsPage.record.residenceItem', { n: index + 1 })}</legend>
            <Stack gap="xs">
              <TextInput
                label={t('patrolsPage.record.address')}
                size="md"
                value={r.address}
                onChange={(event) => change(r.key, { address: event.currentTarget.value })}
                error={errors[`residenceChecks.${index}.address`]}
              />
              <NativeSelect
                label={t('patrolsPage.record.premises')}
                size="md"
                data={[
                  { value: '', label: t('patrolsPage.record.choose') },
                  ...RESIDENCE_PREMISES.map((p) => ({ value: p, label: t(`patrols.premises.${p}`) })),
                ]}
                value={r.premises}
                onChange={(event) => change(r.key, { premises: event.currentTarget.value })}
                error={errors[`residenceChecks.${index}.premises`]}
              />
              <TextInput
                label={t('patrolsPage.record.peopleChecked')}
                size="md"
                inputMode="numeric"
                value={r.peopleChecked}
                onChange={(event) => change(r.key, { peopleChecked: event.currentTarget.value })}
                error={errors[`residenceChecks.${index}.peopleChecked`]}
              />
              <Checkbox.Group
                label={t('patrolsPage.record.findings')}
                description={t('patrolsPage.record.findingsHint')}
                value={r.findings}
                onChange={(value) => change(r.key, { findings: value as ResidenceFinding[] })}
              >
                <Stack gap={4} mt={4}>
                  {RESIDENCE_FINDINGS.map((f) => (
                    <Checkbox key={f} value={f} size="md" label={t(`patrols.findings.${f}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <NativeSelect
                label={t('patrolsPage.record.residenceAction')}
                size="md"
                data={[
                  { value: '', label: t('patrolsPage.record.noAction') },
                  ...RESIDENCE_ACTIONS.map((a) => ({ value: a, label: t(`patrols.residenceActions.${a}`) })),
                ]}
                value={r.action}
                onChange={(event) => change(r.key, { action: event.currentTarget.value })}
              />
              <TextInput
                label={t('patrolsPage.record.itemNote')}
                size="md"
                value={r.note}
                onChange={(event) => change(r.key, { note: event.currentTarget.value })}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => update((d) => ({ ...d, residenceChecks: d.residenceChecks.filter((x) => x.key !== r.key) }))}
              >
                {t('patrolsPage.record.removeResidence')}
              </Button>
            </Stack>
          </fieldset>
        ))}
        <Button
          variant="outline"
          size="md"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            update((d) => ({
              ...d,
              residenceChecks: [
                ...d.residenceChecks,
                { key: newKey(), address: '', premises: '', peopleChecked: '1', findings: [], action: '', note: '' },
              ],
            }))
          }
        >
          {t('patrolsPage.record.addResidence')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Incidents({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const change = (key: string, patch: Partial<DraftRound['incidents'][number]>) =>
    update((d) => ({ ...d, incidents: d.incidents.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="patrol-incidents">
      <Title order={3} size="h4" id="patrol-incidents" mb="xs">
        {t('patrolsPage.record.incidentsTitle')}
      </Title>
      <Stack gap="md">
        {draft.incidents.map((incident, index) => (
          <fieldset key={incident.key} className="patrol-fieldset">
            <legend>{t('patrolsPage.record.incidentItem', { n: index + 1 })}</legend>
            <Stack gap="xs">
              <NativeSelect
                label={t('patrolsPage.record.incidentType')}
                size="md"
                data={[
                  { value: '', label: t('patrolsPage.record.choose') },
                  ...INCIDENT_TYPES.map((x) => ({ value: x, label: t(`patrols.incidentTypes.${x}`) })),
                ]}
                value={incident.type}
                onChange={(event) => change(incident.key, { type: event.currentTarget.value as typeof incident.type })}
                error={errors[`incidents.${index}.type`]}
              />
              <TextInput
                type="datetime-local"
                label={t('patrolsPage.record.occurredAt')}
                size="md"
                value={incident.occurredAt}
                onChange={(event) => change(incident.key, { occurredAt: event.currentTarget.value })}
                error={errors[`incidents.${index}.occurredAt`]}
              />
              <TextInput
                label={t('patrolsPage.record.place')}
                size="md"
                value={incident.place}
                onChange={(event) => change(incident.key, { place: event.currentTarget.value })}
              />
              <Textarea
                label={t('patrolsPage.record.description')}
                size="md"
                autosize
                minRows={2}
                maxLength={2000}
                value={incident.description}
                onChange={(event) => change(incident.key, { description: event.currentTarget.value })}
                error={errors[`incidents.${index}.description`]}
              />
              <NativeSelect
                label={t('patrolsPage.record.handling')}
                description={t('patrolsPage.record.handlingHint')}
                size="md"
                data={[
                  { value: '', label: t('patrolsPage.record.choose') },
                  ...INCIDENT_HANDLINGS.map((x) => ({ value: x, label: t(`patrols.incidentHandlings.${x}`) })),
                ]}
                value={incident.handling}
                onChange={(event) => change(incident.key, { handling: event.currentTarget.value as typeof incident.handling })}
                error={errors[`incidents.${index}.handling`]}
              />
              <TextInput
                label={t('patrolsPage.record.handlingNote')}
                size="md"
                value={incident.handlingNote}
                onChange={(event) => change(incident.key, { handlingNote: event.currentTarget.value })}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => update((d) => ({ ...d, incidents: d.incidents.filter((x) => x.key !== incident.key) }))}
              >
                {t('patrolsPage.record.removeIncident')}
              </Button>
            </Stack>
          </fieldset>
        ))}
        <Button
          variant="outline"
          size="md"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            update((d) => ({
              ...d,
              incidents: [
                ...d.incidents,
                {
                  key: newKey(),
                  type: '',
                  occurredAt: toVnLocal(new Date()),
                  place: '',
                  description: '',
                  handling: '',
                  handlingNote: '',
                },
              ],
            }))
          }
        >
          {t('patrolsPage.record.addIncident')}
        </Button>
      </Stack>
    </Paper>
  );
}
