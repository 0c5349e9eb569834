import { Button, type ButtonProps, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { FormErrorAlert } from './error-alert.tsx';

export type ActionFormProps = {
  /** The id of the panel's <h3>, which names the panel (a region) for assistive technology. */
  id: string;
  title: string;
  /** A short explanation under the title (dimmed). */
  hint?: string;
  /** A message for the whole form, not tied to one field (announced when it appears). */
  error?: string | null;
  /** Makes the panel's content a `<form noValidate>` submitted by `submit`; without it the panel holds buttons only. */
  onSubmit?: FormEventHandler<HTMLFormElement>;
  /** The form's submit button (needs `onSubmit`): its words and look. */
  submit?: { label: string; isLoading?: boolean; disabled?: boolean } & Pick<ButtonProps, 'variant' | 'color'>;
  /** Other buttons, right-aligned before the submit button. */
  actions?: ReactNode;
  /** Inside the panel, after the form: e.g. the dialog that confirms the action. */
  after?: ReactNode;
  /** The fields. */
  children?: ReactNode;
};

/**
 * One action on a record as a titled panel (a section labelled by its heading): hint, form-level error, fields,
 * then right-aligned buttons. Field errors stay with the fields (Mantine form); what was typed stays when the action
 * fails.
 */
export function ActionForm({ id, title, hint, error, onSubmit, submit, actions, after, children }: ActionFormProps) {
  const buttons =
    actions || submit ? (
      <Group justify="flex-end" gap="xs" wrap="wrap">
        {actions}
        {submit ? (
          <Button type="submit" variant={submit.variant} color={submit.color} disabled={submit.disabled} loading={submit.isLoading}>
            {submit.label}
          </Button>
        ) : null}
      </Group>
    ) : null;
  const body = (
    <Stack gap="sm">
      {hint ? (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      ) : null}
      {error !== undefined ? <FormErrorAlert message={error} /> : null}
      {children}
      {buttons}
    </Stack>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} id={id} mb="sm">
        {title}
      </Title>
      {onSubmit ? (
        <form onSubmit={onSubmit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
      {after}
    </Paper>
  );
}
