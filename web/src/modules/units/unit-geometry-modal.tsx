import type { Unit } from '@binh-an/domain';
import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError } from '../../lib/forms.ts';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { dashboardQueryKey, fetchUnitGeometry, saveUnitGeometry } from '../dashboard/api.ts';
import { parseBoundaryInput, parseCoordinate } from '../dashboard/dashboard-model.ts';

const FIELDS = ['lat', 'lng', 'boundary'] as const;
type Field = (typeof FIELDS)[number];

/** "Vị trí trên bản đồ": the administrator's button and dialog for a unit's centroid and GeoJSON boundary. */
export function UnitGeometryButton({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const [isOpen, { open, close }] = useDisclosure(false);
  const isSmall = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button variant="outline" size="sm" onClick={open}>
        {t('unitGeometry.open')}
      </Button>
      <Modal
        opened={isOpen}
        onClose={close}
        title={t('unitGeometry.title', { name: unit.name })}
        size="lg"
        fullScreen={isSmall}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {isOpen ? <GeometryForm key={unit.id} unit={unit} onDone={close} /> : null}
      </Modal>
    </>
  );
}

function GeometryForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['units', 'geometry', unit.id], queryFn: ({ signal }) => fetchUnitGeometry(unit.id, signal) });
  if (current.isPending) return <LoadingState />;
  if (current.isError)
    return <ErrorAlert error={current.error} title={t('unitGeometry.loadFailed')} onRetry={() => void current.refetch()} />;
  const given = current.data.isCentroidDerived ? null : current.data.centroid;
  return (
    <GeometryFields
      unit={unit}
      initial={{
        lat: given ? String(given.lat) : '',
        lng: given ? String(given.lng) : '',
        boundary: current.data.boundary ? JSON.stringify(current.data.boundary, null, 2) : '',
      }}
      derived={current.data.isCentroidDerived ? current.data.centroid : null}
      onSaved={async () => {
        await queryClient.invalidateQueries({ queryKey: ['units', 'geometry', unit.id] });
        await queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
        notifySuccess(t('unitGeometry.saved', { name: unit.name }));
        onDone();
      }}
      onCancel={onDone}
    />
  );
}

function GeometryFields({
  unit,
  initial,
  derived,
  onSaved,
  onCancel,
}: {
  unit: Unit;
  initial: Record<Field, string>;
  derived: { lat: number; lng: number } | null;
  onSaved: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: { centroid: { lat: number; lng: number } | null; boundary: object | null }) => saveUnitGeometry(unit.id, body),
    onSuccess: onSaved,
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, ['centroid.lat', 'centroid.lng', 'centroid', 'boundary']);
      setErrors({
        lat: fieldErrors['centroid.lat'] ?? fieldErrors.centroid,
        lng: fieldErrors['centroid.lng'],
        boundary: fieldErrors.boundary,
      });
      setFormError(message);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const next: Partial<Record<Field, string>> = {};
    const lat = parseCoordinate(values.lat);
    const lng = parseCoordinate(values.lng);
    if (lat === undefined) next.lat = t('unitGeometry.numberFormat');
    if (lng === undefined) next.lng = t('unitGeometry.numberFormat');
    if (lat !== undefined && lng !== undefined && (lat === null) !== (lng === null))
      next[lat === null ? 'lat' : 'lng'] = t('unitGeometry.bothOrNone');
    const boundary = parseBoundaryInput(values.boundary);
    if (boundary === 'invalid') next.boundary = t('unitGeometry.jsonInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0 || boundary === 'invalid' || lat === undefined || lng === undefined) return;
    mutation.mutate({ centroid: lat !== null && lng !== null ? { lat, lng } : null, boundary });
  };

  const set = (field: Field) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('unitGeometry.intro')}</Text>
        <FormErrorAlert message={formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('unitGeometry.lat')}
            description={t('unitGeometry.latHint')}
            inputMode="decimal"
            autoComplete="off"
            value={values.lat}
            onChange={set('lat')}
            error={errors.lat}
          />
          <TextInput
            label={t('unitGeometry.lng')}
            description={t('unitGeometry.lngHint')}
            inputMode="decimal"
            autoComplete="off"
            value={values.lng}
            onChange={set('lng')}
            error={errors.lng}
          />
        </SimpleGrid>
        {derived && values.lat === '' && values.lng === '' ? (
          <Text size="sm">{t('unitGeometry.derived', { lat: String(derived.lat), lng: String(derived.lng) })}</Text>
        ) : null}
        <Textarea
          label={t('unitGeometry.boundary')}
          description={t('unitGeometry.boundaryHint')}
          autosize
          minRows={4}
          maxRows={14}
          spellCheck={false}
          className="mono"
          value={values.boundary}
          onChange={set('boundary')}
          error={errors.boundary}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
