import { ROLES } from '@binh-an/domain';
import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { compareVietnamese } from '../../lib/text.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconDots, IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import type { UserView } from '../auth/api.ts';
import { useCan, useMe } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { fetchAllUsers, fetchUsers, resetUserTotp, USER_STATUSES, type UserFilters, unlockUser, updateUser, usersQueryKey } from './api.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormModal, type UserFormMode } from './user-form-modal.tsx';

const routeApi = getRouteApi('/signed-in/users');

type PendingConfirm = { kind: 'disable' | 'resetTotp'; user: UserView } | null;

function StatusBadges({ user }: { user: UserView }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {user.isDisabled ? (
        <Badge color="gray">{t('usersPage.status.disabled')}</Badge>
      ) : (
        <Badge color="green">{t('usersPage.status.active')}</Badge>
      )}
      {user.isLocked ? <Badge color="red">{t('usersPage.status.locked')}</Badge> : null}
    </Group>
  );
}

/** The accounts in the user's scope: filter, page, export and (administrators) manage them. */
export function UsersPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const me = useMe();
  const canManage = can('user.manage');
  const queryClient = useQueryClient();
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];

  const filters: UserFilters = useMemo(
    () => ({ q: search.q, role: search.role, unitId: search.unitId, status: search.status }),
    [search.q, search.role, search.unitId, search.status],
  );
  const isFiltered = Boolean(filters.q || filters.role || filters.unitId || filters.status);

  const query = useInfiniteQuery({
    queryKey: [...usersQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchUsers(filters, pageParam, undefined, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const [formMode, setFormMode] = useState<UserFormMode | null>(null);
  const [passwordUser, setPasswordUser] = useState<UserView | null>(null);
  const [confirm, setConfirm] = useState<PendingConfirm>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [isExporting, setExporting] = useState(false);
  const [pageError, setPageError] = useState<unknown>(null);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => void navigate({ search: {}, replace: true });

  const unitOptions = useMemo(
    () =>
      [...units]
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((unit) => ({ value: unit.id, label: `${unit.name} — ${t(`unitTypes.${unit.type}`)}` })),
    [units, t],
  );
  const unitName = (id: string) => units.find((unit) => unit.id === id)?.name ?? id;

  const invalidate = () => queryClient.invalidateQueries({ queryKey: usersQueryKey });

  const actionMutation = useMutation({
    mutationFn: async ({ kind, user }: { kind: 'disable' | 'enable' | 'resetTotp' | 'unlock'; user: UserView }) => {
      if (kind === 'disable') await updateUser(user.id, { isDisabled: true });
      else if (kind === 'enable') await updateUser(user.id, { isDisabled: false });
      else if (kind === 'resetTotp') await resetUserTotp(user.id);
      else await unlockUser(user.id);
      return { kind, user };
    },
    onSuccess: async ({ kind, user }) => {
      await invalidate();
      notifySuccess(t(`usersPage.done.${kind}`, { name: user.displayName }));
      setConfirm(null);
    },
    onError: (error, { kind }) => {
      if (kind === 'disable' || kind === 'resetTotp') setConfirmError(describeError(error));
      else setPageError(error);
    },
  });

  const exportCsv = async () => {
    setExporting(true);
    setPageError(null);
    try {
      const all = await fetchAllUsers(filters);
      const csv = buildCsv(
        [
          t('usersPage.fields.username'),
          t('usersPage.fields.displayName'),
          t('usersPage.fields.role'),
          t('usersPage.fields.unit'),
          t('usersPage.fields.status'),
          t('usersPage.fields.totp'),
          t('usersPage.fields.createdAt'),
          t('usersPage.fields.lastLogin'),
        ],
        all.map((user) => [
          user.username,
          user.displayName,
          t(`roles.${user.role}`),
          user.unitName,
          [
            user.isDisabled ? t('usersPage.status.disabled') : t('usersPage.status.active'),
            user.isLocked ? t('usersPage.status.locked') : '',
          ]
            .filter(Boolean)
            .join(', '),
          user.totpEnabled ? t('usersPage.totpOn') : t('usersPage.totpOff'),
          formatDateTime(user.createdAt),
          formatDateTime(user.lastLoginAt),
        ]),
      );
      downloadText(stampedFileName(t('usersPage.csvName'), todayInVietnam()), csv);
    } catch (error) {
      setPageError(error);
    } finally {
      setExporting(false);
    }
  };

  const activeFilters = [
    filters.q ? `${t('usersPage.searchLabel')}: “${filters.q}”` : null,
    filters.role ? `${t('usersPage.fields.role')}: ${t(`roles.${filters.role}`)}` : null,
    filters.unitId ? `${t('usersPage.fields.unit')}: ${unitName(filters.unitId)}` : null,
    filters.status ? `${t('usersPage.fields.status')}: ${t(`usersPage.status.${filters.status}`)}` : null,
  ].filter((v): v is string => v !== null);

  const renderBody = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      return isFiltered ? (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('usersPage.noResultsText')}
          activeFilters={activeFilters}
          onClearFilters={clearFilters}
        />
      ) : (
        <EmptyState
          title={t('usersPage.emptyTitle')}
          description={t('usersPage.emptyText')}
          action={
            canManage ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setFormMode({ kind: 'create' })}>
                {t('usersPage.create')}
              </Button>
            ) : undefined
          }
        />
      );
    }
    return (
      <>
        <DataTable caption={t('usersPage.tableCaption')} minWidth={canManage ? 960 : 880} label={t('usersPage.tableCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('usersPage.fields.displayName')}</Table.Th>
              <Table.Th scope="col">{t('usersPage.fields.role')}</Table.Th>
              <Table.Th scope="col">{t('usersPage.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('usersPage.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('usersPage.fields.totp')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('usersPage.fields.lastLogin')}
              </Table.Th>
              {canManage ? (
                <Table.Th scope="col">
                  <span>{t('common.actions')}</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={700}>
                    {user.displayName}
                    {user.id === me.user.id ? ` (${t('usersPage.you')})` : ''}
                  </Text>
                  <Text size="xs" c="dimmed" className="mono">
                    {user.username}
                  </Text>
                </Table.Th>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                <Table.Td>{user.unitName}</Table.Td>
                <Table.Td>
                  <StatusBadges user={user} />
                </Table.Td>
                <Table.Td>{user.totpEnabled ? t('usersPage.totpOn') : t('usersPage.totpOff')}</Table.Td>
                <Table.Td className="num">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('usersPage.never')}</Table.Td>
                {canManage ? (
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal shadow="md">
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="lg"
                          aria-label={t('usersPage.rowActions', { name: user.displayName })}
                        >
                          <IconDots />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setFormMode({ kind: 'edit', user })}>{t('usersPage.actions.edit')}</Menu.Item>
                        <Menu.Item onClick={() => setPasswordUser(user)}>{t('usersPage.actions.resetPassword')}</Menu.Item>
                        <Menu.Item
                          onClick={() => {
                            setConfirmError(null);
                            setConfirm({ kind: 'resetTotp', user });
                          }}
                        >
                          {t('usersPage.actions.resetTotp')}
                        </Menu.Item>
                        {user.isLocked ? (
                          <Menu.Item onClick={() => actionMutation.mutate({ kind: 'unlock', user })}>
                            {t('usersPage.actions.unlock')}
                          </Menu.Item>
                        ) : null}
                        <Menu.Divider />
                        {user.isDisabled ? (
                          <Menu.Item onClick={() => actionMutation.mutate({ kind: 'enable', user })}>
                            {t('usersPage.actions.enable')}
                          </Menu.Item>
                        ) : (
                          <Menu.Item
                            color="red"
                            onClick={() => {
                              setConfirmError(null);
                              setConfirm({ kind: 'disable', user });
                            }}
                          >
                            {t('usersPage.actions.disable')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
        <ListFooter
          countText={t('usersPage.count', { count: formatNumber(rows.length) })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t('usersPage.title')}
        description={t('usersPage.description')}
        actions={
          <>
            <Button
              variant="outline"
              leftSection={<IconDownload size={16} />}
              onClick={() => void exportCsv()}
              loading={isExporting}
              disabled={rows.length === 0}
            >
              {t('common.exportCsv')}
            </Button>
            {canManage ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setFormMode({ kind: 'create' })}>
                {t('usersPage.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <FilterBar isFiltered={isFiltered} onClearFilters={clearFilters}>
          <FilterSearchInput label={t('usersPage.searchLabel')} value={filters.q} onChange={(q) => updateSearch({ q })} flex="2 1 14rem" />
          <FilterSelect
            label={t('usersPage.fields.role')}
            placeholder={t('usersPage.allRoles')}
            data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            value={filters.role}
            onChange={(role) => updateSearch({ role })}
            flex="1 1 12rem"
          />
          <FilterSelect
            label={t('usersPage.fields.unit')}
            placeholder={t('usersPage.allUnits')}
            data={unitOptions}
            value={filters.unitId}
            onChange={(unitId) => updateSearch({ unitId })}
            searchable
            flex="2 1 14rem"
          />
          <FilterSelect
            label={t('usersPage.fields.status')}
            placeholder={t('usersPage.allStatuses')}
            data={USER_STATUSES.map((status) => ({ value: status, label: t(`usersPage.status.${status}`) }))}
            value={filters.status}
            onChange={(status) => updateSearch({ status })}
            flex="1 1 10rem"
          />
        </FilterBar>
        {pageError ? <ErrorAlert error={pageError} /> : null}
        <div>{renderBody()}</div>
      </Stack>

      <UserFormModal mode={formMode} units={units} onClose={() => setFormMode(null)} />
      <ResetPasswordModal user={passwordUser} onClose={() => setPasswordUser(null)} />
      <ConfirmDialog
        opened={confirm !== null}
        title={confirm?.kind === 'disable' ? t('usersPage.confirmDisable.title') : t('usersPage.confirmResetTotp.title')}
        message={
          confirm?.kind === 'disable'
            ? t('usersPage.confirmDisable.text', { name: confirm.user.displayName, username: confirm.user.username })
            : confirm
              ? t('usersPage.confirmResetTotp.text', { name: confirm.user.displayName, username: confirm.user.username })
              : ''
        }
        confirmLabel={confirm?.kind === 'disable' ? t('usersPage.actions.disable') : t('usersPage.actions.resetTotp')}
        onConfirm={() => confirm && actionMutation.mutate(confirm)}
        onClose={() => setConfirm(null)}
        isLoading={actionMutation.isPending}
        error={confirmError}
      />
    </>
  );
}
