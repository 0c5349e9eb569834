import { createUserSchema, ROLE_UNIT_TYPES, ROLES, type Role, type Unit, updateUserSchema } from '@binh-an/domain';
import { Anchor, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { compareVietnamese, matchesFolded } from '../../lib/text.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PasswordField } from '../../ui/password-field.tsx';
import { requiredField } from '../../ui/required-field.ts';
import type { UserView } from '../auth/api.ts';
import { createUser, generatePassword, type UpdateUserBody, updateUser, usersQueryKey } from './api.ts';

export type UserFormMode = { kind: 'create' } | { kind: 'edit'; user: UserView };

type UserFormModalProps = { mode: UserFormMode | null; units: readonly Unit[]; onClose: () => void };

type FormValues = { username: string; displayName: string; role: string; unitId: string; password: string };
const FIELDS = ['username', 'displayName', 'role', 'unitId', 'password'] as const;

/** Creating an account, or changing its name, role and unit. */
export function UserFormModal({ mode, units, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={mode !== null}
      onClose={onClose}
      title={mode?.kind === 'edit' ? t('usersPage.form.editTitle', { name: mode.user.displayName }) : t('usersPage.form.createTitle')}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {mode ? <UserForm key={mode.kind === 'edit' ? mode.user.id : 'new'} mode={mode} units={units} onClose={onClose} /> : null}
    </Modal>
  );
}

/** The units an account with this role may be bound to (current units only), for a picker. */
export function unitOptionsForRole(units: readonly Unit[], role: Role | '', t: (key: string) => string) {
  const allowed = role ? ROLE_UNIT_TYPES[role] : null;
  return units
    .filter((unit) => unit.isActive && (!allowed || allowed.includes(unit.type)))
    .sort((a, b) => compareVietnamese(a.name, b.name))
    .map((unit) => ({ value: unit.id, label: `${unit.name} — ${t(`unitTypes.${unit.type}`)}` }));
}

function UserForm({ mode, units, onClose }: { mode: UserFormMode; units: readonly Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [isPasswordVisible, setPasswordVisible] = useState(false);
  const isCreate = mode.kind === 'create';
  const form = useForm<FormValues>({
    initialValues:
      mode.kind === 'edit'
        ? { username: mode.user.username, displayName: mode.user.displayName, role: mode.user.role, unitId: mode.user.unitId, password: '' }
        : { username: '', displayName: '', role: '', unitId: '', password: '' },
  });

  const unitOptions = useMemo(() => {
    const options = unitOptionsForRole(units, form.values.role as Role | '', t);
    // An account may sit on a unit outside the list (historic, or above the viewer's scope): keep it selectable.
    if (mode.kind === 'edit' && form.values.unitId === mode.user.unitId && !options.some((o) => o.value === mode.user.unitId)) {
      options.unshift({ value: mode.user.unitId, label: mode.user.unitName });
    }
    return options;
  }, [units, form.values.role, form.values.unitId, mode, t]);

  const mutation = useMutation({
    mutationFn: (values: FormValues) => {
      if (mode.kind === 'create') {
        return createUser({
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          role: values.role as Role,
          unitId: values.unitId,
          password: values.password,
        });
      }
      const body: UpdateUserBody = {};
      if (values.displayName.trim() !== mode.user.displayName) body.displayName = values.displayName.trim();
      if (values.role !== mode.user.role) body.role = values.role as Role;
      if (values.unitId !== mode.user.unitId) body.unitId = values.unitId;
      return updateUser(mode.user.id, body);
    },
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
      notifySuccess(
        isCreate ? t('usersPage.form.created', { name: user.displayName }) : t('usersPage.form.saved', { name: user.displayName }),
      );
      onClose();
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS, {
        usernameTaken: 'username',
        roleUnitMismatch: 'unitId',
      });
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const errors = isCreate
      ? validateWithSchema(createUserSchema, values)
      : validateWithSchema(updateUserSchema, { displayName: values.displayName, role: values.role, unitId: values.unitId });
    if (!values.role) errors.role = t('validation.required');
    if (!values.unitId) errors.unitId = t('usersPage.form.unitRequired');
    const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([key]) => (FIELDS as readonly string[]).includes(key)));
    if (Object.keys(fieldErrors).length > 0) {
      form.setErrors(fieldErrors);
      return;
    }
    mutation.mutate(values);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <FormErrorAlert message={formError} />
        <TextInput
          label={t('usersPage.fields.username')}
          description={isCreate ? t('usersPage.form.usernameHint') : t('usersPage.form.usernameFixed')}
          {...(isCreate ? requiredField : {})}
          readOnly={!isCreate}
          variant={isCreate ? 'default' : 'filled'}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <TextInput label={t('usersPage.fields.displayName')} {...requiredField} autoComplete="off" {...form.getInputProps('displayName')} />
        <Select
          label={t('usersPage.fields.role')}
          {...requiredField}
          data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          allowDeselect={false}
          {...form.getInputProps('role')}
          onChange={(value) => {
            form.setFieldValue('role', value ?? '');
            const allowed = value ? ROLE_UNIT_TYPES[value as Role] : [];
            const unit = units.find((u) => u.id === form.values.unitId);
            if (unit && !allowed.includes(unit.type)) form.setFieldValue('unitId', '');
          }}
        />
        <Select
          label={t('usersPage.fields.unit')}
          description={
            form.values.role
              ? t('usersPage.form.unitHint', {
                  types: ROLE_UNIT_TYPES[form.values.role as Role].map((type) => t(`unitTypes.${type}`)).join(', '),
                })
              : t('usersPage.form.unitHintNoRole')
          }
          {...requiredField}
          searchable
          data={unitOptions}
          nothingFoundMessage={t('usersPage.form.noUnitForRole')}
          filter={({ options, search }) =>
            (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, search))
          }
          maxDropdownHeight={280}
          {...form.getInputProps('unitId')}
          onChange={(value) => form.setFieldValue('unitId', value ?? '')}
        />
        {isCreate ? (
          <div>
            <PasswordField
              label={t('usersPage.fields.initialPassword')}
              description={t('usersPage.form.passwordHint')}
              {...requiredField}
              autoComplete="new-password"
              visible={isPasswordVisible}
              onVisibilityChange={setPasswordVisible}
              {...form.getInputProps('password')}
            />
            <Anchor
              component="button"
              type="button"
              size="sm"
              mt={6}
              onClick={() => {
                form.setFieldValue('password', generatePassword());
                setPasswordVisible(true);
              }}
            >
              {t('usersPage.form.generatePassword')}
            </Anchor>
          </div>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {isCreate ? t('usersPage.form.createSubmit') : t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
