import { createTokenSchema } from '@binh-an/domain';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconCheck, IconCopy, IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { type ApiTokenView, createToken, fetchTokens, revokeToken, tokensQueryKey } from './api.ts';

/** The user's API tokens: create one (its secret shown once), see when each was last used, revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const nameRef = useRef<HTMLInputElement>(null);
  const query = useQuery({ queryKey: tokensQueryKey, queryFn: ({ signal }) => fetchTokens(signal) });
  const [created, setCreated] = useState<{ token: ApiTokenView; secret: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiTokenView | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '' } });

  const createMutation = useMutation({
    mutationFn: (name: string) => createToken(name),
    onSuccess: async (result) => {
      form.reset();
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey: tokensQueryKey });
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, ['name']);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const revokeMutation = useMutation({
    mutationFn: (token: ApiTokenView) => revokeToken(token.id),
    onSuccess: async (_, token) => {
      setToRevoke(null);
      await queryClient.invalidateQueries({ queryKey: tokensQueryKey });
      notifySuccess(t('tokensPage.revoked', { name: token.name }));
    },
    onError: (error) => setRevokeError(describeError(error)),
  });

  const submit = form.onSubmit(({ name }) => {
    setFormError(null);
    const errors = validateWithSchema(createTokenSchema, { name });
    if (errors.name) {
      form.setFieldError('name', errors.name);
      return;
    }
    createMutation.mutate(name.trim());
  });

  const items = query.data?.items ?? [];

  const renderList = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (items.length === 0) {
      return (
        <EmptyState
          title={t('tokensPage.emptyTitle')}
          description={t('tokensPage.emptyText')}
          action={
            <Button variant="outline" leftSection={<IconPlus size={16} />} onClick={() => nameRef.current?.focus()}>
              {t('tokensPage.create')}
            </Button>
          }
        />
      );
    }
    return (
      <>
        <DataTable caption={t('tokensPage.tableCaption')} minWidth={760} label={t('tokensPage.tableCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tokensPage.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('tokensPage.fields.prefix')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('tokensPage.fields.createdAt')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('tokensPage.fields.lastUsedAt')}
              </Table.Th>
              <Table.Th scope="col">{t('tokensPage.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Th scope="row" fw={500}>
                  {token.name}
                </Table.Th>
                <Table.Td className="mono">{token.prefix}…</Table.Td>
                <Table.Td className="num">{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td className="num">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokensPage.neverUsed')}</Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Badge color="gray">{t('tokensPage.revokedOn', { date: formatDateTime(token.revokedAt) })}</Badge>
                  ) : (
                    <Badge color="green">{t('tokensPage.active')}</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {token.revokedAt ? null : (
                    <Button
                      variant="outline"
                      color="red"
                      size="xs"
                      aria-label={t('tokensPage.revokeNamed', { name: token.name })}
                      onClick={() => {
                        setRevokeError(null);
                        setToRevoke(token);
                      }}
                    >
                      {t('tokensPage.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
        <Text size="sm" mt="sm" role="status">
          {t('tokensPage.count', { count: formatNumber(items.length) })}
        </Text>
      </>
    );
  };

  return (
    <>
      <PageHeader title={t('tokensPage.title')} description={t('tokensPage.description')} />
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-labelledby="token-create-heading">
          <Title order={2} size="h3" id="token-create-heading" mb="xs">
            {t('tokensPage.createTitle')}
          </Title>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <FormErrorAlert message={formError} />
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  ref={nameRef}
                  label={t('tokensPage.fields.name')}
                  description={t('tokensPage.nameHint')}
                  autoComplete="off"
                  style={{ flex: '1 1 18rem' }}
                  {...form.getInputProps('name')}
                />
                <Button type="submit" loading={createMutation.isPending} leftSection={<IconPlus size={16} />} mt={{ base: 0, sm: 46 }}>
                  {t('tokensPage.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        <div>{renderList()}</div>
      </Stack>

      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t('tokensPage.createdTitle')}
        size="lg"
        closeOnClickOutside={false}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {created ? (
          <Stack gap="md">
            <Alert color="orange" variant="light" title={t('tokensPage.secretOnceTitle')}>
              {t('tokensPage.secretOnce', { name: created.token.name })}
            </Alert>
            <div>
              <Text size="sm" fw={500} id="token-secret-label">
                {t('tokensPage.secretLabel')}
              </Text>
              <Code block className="secret-box" mt={4} aria-labelledby="token-secret-label">
                {created.secret}
              </Code>
            </div>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <CopyButton value={created.secret} timeout={3000}>
                {({ copied, copy }) => (
                  <Button variant="outline" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                    {copied ? t('common.copied') : t('tokensPage.copySecret')}
                  </Button>
                )}
              </CopyButton>
              <Button
                onClick={() => {
                  notifySuccess(t('tokensPage.created', { name: created.token.name }));
                  setCreated(null);
                }}
              >
                {t('tokensPage.secretSaved')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <ConfirmDialog
        opened={toRevoke !== null}
        title={t('tokensPage.confirmRevokeTitle')}
        message={toRevoke ? t('tokensPage.confirmRevokeText', { name: toRevoke.name, prefix: toRevoke.prefix }) : ''}
        confirmLabel={t('tokensPage.revoke')}
        onConfirm={() => toRevoke && revokeMutation.mutate(toRevoke)}
        onClose={() => setToRevoke(null)}
        isLoading={revokeMutation.isPending}
        error={revokeError}
      />
    </>
  );
}
