import type { CycleRow } from '@binh-an/domain';
import { Alert, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInVietnam } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { refusalText } from '../mediation/team-forms.tsx';
import { certificationKey, cyclesExportUrl, fetchCycles, registerCycle, type WardStatus } from './api.ts';

const routeApi = getRouteApi('/signed-in/certification');

export function OutcomeBadge({ outcome }: { outcome: 'recognised' | 'not_recognised' | null }) {
  const { t } = useTranslation();
  if (!outcome) return <>—</>;
  return (
    <Badge color={outcome === 'recognised' ? 'green' : 'red'} variant="light">
      {t(`certification.outcomes.${outcome}`)}
    </Badge>
  );
}

export function WardRule({ ward }: { ward: WardStatus }) {
  const { t } = useTranslation();
  return (
    <Alert color={ward.problems.length ? 'orange' : 'green'} title={t('certificationPage.list.wardRule')} mb="md">
      <Text size="sm">
        {t('certificationPage.list.wardCounts', {
          registered: ward.registered,
          recognised: ward.recognised,
          units: ward.units,
          models: ward.effectiveModels,
        })}
      </Text>
      {ward.problems.length ? (
        <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
          {ward.problems.map((p) => (
            <li key={p}>{t(`certification.wardProblems.${p}`)}</li>
          ))}
        </ul>
      ) : (
        <Text size="sm">{t('certificationPage.list.wardOk')}</Text>
      )}
    </Alert>
  );
}

/** Registers a unit for a year (Q1): households for a residential area, size for an enterprise. */
function RegisterModal({ row, year, onClose }: { row: CycleRow; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = todayInVietnam();
  const [registeredOn, setRegisteredOn] = useState(today.startsWith(String(year)) && today.slice(5) <= '03-31' ? today : `${year}-03-31`);
  const [resolutionRef, setResolution] = useState('');
  const [planRef, setPlan] = useState('');
  const [registered, setRegistered] = useState<number | string>('');
  const [total, setTotal] = useState<number | string>('');
  const [size, setSize] = useState<string | null>(null);
  const [armedForces, setArmedForces] = useState(false);
  const isBlock = row.unitType === 'block';
  const save = useMutation({
    mutationFn: () =>
      registerCycle({
        unitId: row.unitId,
        year,
        registeredOn,
        ...(resolutionRef.trim() ? { resolutionRef } : {}),
        ...(planRef.trim() ? { planRef } : {}),
        ...(isBlock ? { households: { registered: Number(registered || 0), total: Number(total || 0) } } : {}),
        ...(row.unitType === 'enterprise' && size ? { enterpriseSize: size } : {}),
        ...(row.unitType === 'agency' ? { armedForces } : {}),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.register.done'));
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('certificationPage.register.title', { year, unit: row.unitName })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          <TextInput
            type="date"
            label={t('certificationPage.register.registeredOn')}
            value={registeredOn}
            onChange={(e) => setRegisteredOn(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('certificationPage.register.resolutionRef')}
            value={resolutionRef}
            onChange={(e) => setResolution(e.currentTarget.value)}
          />
          <TextInput label={t('certificationPage.register.planRef')} value={planRef} onChange={(e) => setPlan(e.currentTarget.value)} />
          {isBlock ? (
            <>
              <Group grow>
                <NumberInput
                  label={t('certificationPage.register.householdsRegistered')}
                  min={0}
                  value={registered}
                  onChange={setRegistered}
                  required
                />
                <NumberInput label={t('certificationPage.register.householdsTotal')} min={0} value={total} onChange={setTotal} required />
              </Group>
              <Text size="sm" c="dimmed">
                {t('certificationPage.register.householdsHint')}
              </Text>
            </>
          ) : null}
          {row.unitType === 'enterprise' ? (
            <Select
              label={t('certificationPage.register.enterpriseSize')}
              data={(['micro', 'small', 'medium', 'large'] as const).map((s) => ({
                value: s,
                label: t(`certificationPage.register.sizes.${s}`),
              }))}
              value={size}
              onChange={setSize}
            />
          ) : null}
          {row.unitType === 'agency' ? (
            <Checkbox
              label={t('certificationPage.register.armedForces')}
              checked={armedForces}
              onChange={(e) => setArmedForces(e.currentTarget.checked)}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('certificationPage.register.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('certificationPage.register.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A ward's units for a year: eligibility with the reason, the step reached, the result; the ward rule. */
export function CertificationListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = Number(search.year ?? thisYear);
  const query = useQuery({
    queryKey: [...certificationKey, 'cycles', year, search.ward ?? ''],
    queryFn: () => fetchCycles(year, search.ward),
  });
  const [registering, setRegistering] = useState<CycleRow | null>(null);
  const years = Array.from({ length: thisYear - 2017 }, (_, i) => String(thisYear - i));
  const wardName = query.data?.wards.find((w) => w.id === query.data?.wardId)?.name ?? '';
  return (
    <>
      <PageHeader title={t('certificationPage.list.title')} description={t('certificationPage.list.description')} />
      <Card withBorder mb="md">
        <Group wrap="wrap" align="flex-end">
          <Select
            label={t('certificationPage.list.year')}
            data={years}
            value={String(year)}
            allowDeselect={false}
            onChange={(v) => void navigate({ search: (s) => ({ ...s, year: v ?? undefined, ward: undefined }) })}
          />
          {query.data && query.data.wards.length > 1 ? (
            <Select
              label={t('certificationPage.list.ward')}
              data={query.data.wards.map((w) => ({ value: w.id, label: w.name }))}
              value={query.data.wardId}
              allowDeselect={false}
              onChange={(v) => void navigate({ search: (s) => ({ ...s, ward: v ?? undefined }) })}
            />
          ) : null}
          {query.data?.items.length ? (
            <Button component="a" variant="light" href={cyclesExportUrl(year, query.data.wardId)} download>
              {t('certificationPage.list.export')}
            </Button>
          ) : null}
        </Group>
      </Card>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data?.ward ? <WardRule ward={query.data.ward} /> : null}
      {query.data && query.data.items.length === 0 ? <EmptyState title={t('certificationPage.list.empty')} description="" /> : null}
      {query.data?.items.length ? (
        <DataTable caption={t('certificationPage.list.caption', { ward: wardName, year })} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('certificationPage.list.unit')}</Table.Th>
              <Table.Th scope="col">{t('certificationPage.list.type')}</Table.Th>
              <Table.Th scope="col">{t('certificationPage.list.window')}</Table.Th>
              <Table.Th scope="col">{t('certificationPage.list.stage')}</Table.Th>
              <Table.Th scope="col">{t('certificationPage.list.result')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((row) => (
              <Table.Tr key={row.unitId}>
                <Table.Td>{row.unitName}</Table.Td>
                <Table.Td>{row.certType ? t(`certification.certTypes.${row.certType}`) : '—'}</Table.Td>
                <Table.Td>
                  {row.window ? `${formatDate(row.window.from)} – ${formatDate(row.window.to)}` : '—'}
                  {row.decisionDue && !row.outcome ? (
                    <Text size="xs">{t('certificationPage.list.decisionDue', { date: formatDate(row.decisionDue) })}</Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {row.ineligibleReason === 'enterpriseSizeUnknown' ? (
                    <Stack gap={2}>
                      <Text size="sm">{t('certificationPage.list.notRegistered')}</Text>
                      <Text size="xs">{t('certification.ineligible.enterpriseSizeUnknown')}</Text>
                    </Stack>
                  ) : !row.eligible && row.ineligibleReason ? (
                    <Stack gap={2}>
                      <Badge color="gray" variant="light">
                        {t('certificationPage.list.ineligible')}
                      </Badge>
                      <Text size="xs">
                        {t(`certification.ineligible.${row.ineligibleReason}`)} ({row.ineligibleArticle})
                      </Text>
                    </Stack>
                  ) : row.stage ? (
                    t(`certification.stages.${row.stage}`)
                  ) : (
                    t('certificationPage.list.notRegistered')
                  )}
                </Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={row.outcome} />
                </Table.Td>
                <Table.Td>
                  {row.cycleId ? (
                    <AnchorLink
                      to="/certification/$cycleId"
                      params={{ cycleId: row.cycleId }}
                      size="sm"
                      aria-label={t('certificationPage.list.openLabel', { unit: row.unitName })}
                    >
                      {t('certificationPage.list.open')}
                    </AnchorLink>
                  ) : can('certification.assess') &&
                    (row.eligible || row.ineligibleReason === 'enterpriseSizeUnknown' || row.unitType === 'agency') ? (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => setRegistering(row)}
                      aria-label={t('certificationPage.list.registerLabel', { unit: row.unitName })}
                    >
                      {t('certificationPage.list.register')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      {registering ? <RegisterModal row={registering} year={year} onClose={() => setRegistering(null)} /> : null}
    </>
  );
}
