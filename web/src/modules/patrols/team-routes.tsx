import { createRouteSchema } from '@binh-an/domain';
import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { createRoute, type PatrolRoute, type PatrolTeam, patrolsQueryKey, qrSheetUrl, routesQueryOptions } from './api.ts';
import { IconQr } from './patrols-icons.tsx';
import { RouteEditDialog } from './route-edit.tsx';

/** The routes the team walks, each an ordered list of checkpoints, with the printable sheet of their QR codes. */
export function TeamRoutes({ team, canManage }: { team: PatrolTeam; canManage: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(routesQueryOptions(team.id, canManage));
  const [isCreating, setCreating] = useState(false);
  const [editing, setEditing] = useState<PatrolRoute | null>(null);
  const routes = query.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-routes">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="team-routes">
          {t('patrolsPage.routes.title')}
        </Title>
        {canManage && team.isActive ? (
          <Button variant="outline" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('patrolsPage.routes.add')}
          </Button>
        ) : null}
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && routes.length === 0 ? (
        <EmptyState title={t('patrolsPage.routes.emptyTitle')} description={t('patrolsPage.routes.emptyText')} headingOrder={3} />
      ) : null}
      <Stack gap="md">
        {routes.map((route) => (
          <article key={route.id} aria-labelledby={`route-${route.id}`}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h4" id={`route-${route.id}`}>
                {route.name}
              </Title>
              {!route.active ? (
                <Badge color="gray" variant="light" tt="none">
                  {t('patrolsPage.routes.inactive')}
                </Badge>
              ) : null}
              {route.teamId === null ? (
                <Badge variant="light" tt="none">
                  {t('patrolsPage.routes.wardWide')}
                </Badge>
              ) : null}
              {canManage ? (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditing(route)}
                  aria-label={t('patrolsPage.edit.routeAction', { name: route.name })}
                >
                  {t('patrolsPage.edit.action')}
                </Button>
              ) : null}
            </Group>
            {route.description ? (
              <Text size="sm" c="dimmed">
                {route.description}
              </Text>
            ) : null}
            <ol className="patrol-checkpoints" style={{ marginTop: 8 }}>
              {route.checkpoints.map((cp) => (
                <li key={cp.id}>
                  <Text size="sm" fw={500} component="span">
                    {cp.name}
                  </Text>
                  <Text size="sm" c="dimmed" component="span">
                    {[cp.street, cp.unitName].filter(Boolean).length > 0 ? ` — ${[cp.street, cp.unitName].filter(Boolean).join(', ')}` : ''}
                  </Text>
                </li>
              ))}
            </ol>
            {canManage ? (
              <Anchor
                href={qrSheetUrl(route.id)}
                target="_blank"
                rel="noopener"
                size="sm"
                mt="xs"
                style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}
              >
                <IconQr size={16} />
                {t('patrolsPage.routes.qrSheet', { name: route.name })}
              </Anchor>
            ) : null}
          </article>
        ))}
      </Stack>
      {canManage ? <RouteFormModal team={team} opened={isCreating} onClose={() => setCreating(false)} /> : null}
      {editing ? <RouteEditDialog route={editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}

function RouteFormModal({ team, opened, onClose }: { team: PatrolTeam; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [checkpoints, setCheckpoints] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: createRoute,
    onSuccess: async (route) => {
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'routes'] });
      notifySuccess(t('patrolsPage.routes.created', { name: route.name }));
      setName('');
      setDescription('');
      setCheckpoints('');
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, ['name', 'description', 'checkpoints']);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });
  const submit = () => {
    const body = {
      name,
      teamId: team.id,
      ...(description.trim() ? { description } : {}),
      checkpoints: checkpoints
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => ({ name: line })),
    };
    const found = validateWithSchema(createRouteSchema, body);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length === 0) mutation.mutate(body);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('patrolsPage.routes.addTitle', { team: team.name })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <FormErrorAlert message={formError} />
          <TextInput
            label={t('patrolsPage.routes.name')}
            {...requiredField}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Textarea
            label={t('patrolsPage.routes.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Textarea
            label={t('patrolsPage.routes.checkpoints')}
            description={t('patrolsPage.routes.checkpointsHint')}
            {...requiredField}
            autosize
            minRows={4}
            value={checkpoints}
            onChange={(e) => setCheckpoints(e.currentTarget.value)}
            error={errors.checkpoints}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('patrolsPage.routes.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
