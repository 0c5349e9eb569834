import { tipNoteSchema } from '@binh-an/domain';
import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { addTipNote, type TipDetail, type TipMessage, useApplyTipChange } from './api.ts';
import { IconLock, IconMessage, IconUser } from './tips-icons.tsx';

type MessageKind = 'sender' | 'toSender' | 'internal';

function kindOf(message: TipMessage): MessageKind {
  if (message.from === 'sender') return 'sender';
  return message.toSender ? 'toSender' : 'internal';
}

function MessageItem({ message }: { message: TipMessage }) {
  const { t } = useTranslation();
  const kind = kindOf(message);
  const Icon = kind === 'sender' ? IconUser : kind === 'toSender' ? IconMessage : IconLock;
  const label =
    kind === 'sender'
      ? t('tipsPage.thread.fromSender')
      : kind === 'toSender'
        ? t('tipsPage.thread.toSender')
        : t('tipsPage.thread.internal');
  return (
    <li className="tips-message" data-kind={kind}>
      <div className="tips-message-head">
        <Text size="sm" fw={700} component="span" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <Icon size={16} />
          {label}
        </Text>
        {message.from === 'officer' ? (
          <Text size="sm" component="span">
            · {message.authorName ?? t('tipsPage.thread.officer')}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" component="span" className="num">
          · <time dateTime={message.at}>{formatDateTime(message.at)}</time>
        </Text>
      </div>
      <Text size="sm" className="tips-prose">
        {message.body}
      </Text>
    </li>
  );
}

type NoteValues = { toSender: 'no' | 'yes'; body: string };

/** The dialogue with the sender and the officers' internal notes, kept visibly apart, and the box to add to it. */
export function TipThread({ tip, canWrite }: { tip: TipDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const [formError, setFormError] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  // Only a tip sent online has a receipt code through which its sender can read questions.
  const canAskSender = tip.channel === 'online';
  const form = useForm<NoteValues>({ initialValues: { toSender: 'no', body: '' } });
  const toSender = canAskSender && form.values.toSender === 'yes';

  const mutation = useMutation({
    mutationFn: (values: { body: string; toSender: boolean }) => addTipNote(tip.id, values.body, values.toSender),
    onSuccess: async (updated, values) => {
      setConfirming(false);
      form.setValues({ toSender: 'no', body: '' });
      form.resetDirty();
      setFormError(null);
      notifySuccess(values.toSender ? t('tipsPage.thread.sent') : t('tipsPage.thread.savedInternal'));
      await applyChange(updated);
    },
    onError: (error) => {
      setConfirming(false);
      const { fieldErrors, formError: message } = splitSubmitError(error, ['body', 'toSender']);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const body = { body: values.body, toSender };
    const errors = validateWithSchema(tipNoteSchema, body);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    if (toSender) setConfirming(true);
    else mutation.mutate(body);
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-thread-title">
      <Title order={2} size="h3" id="tip-thread-title" mb="sm">
        {t('tipsPage.thread.title')}
      </Title>
      {tip.messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tipsPage.thread.empty')}
        </Text>
      ) : (
        <ol className="tips-thread">
          {tip.messages.map((message) => (
            <MessageItem key={message.id} message={message} />
          ))}
        </ol>
      )}
      {canWrite ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" mt="md">
            <Title order={3} size="h4">
              {t('tipsPage.thread.composeTitle')}
            </Title>
            <FormErrorAlert message={formError} />
            <Radio.Group label={t('tipsPage.thread.kindLegend')} {...form.getInputProps('toSender')}>
              <Stack gap={6} mt={6}>
                <Radio value="no" label={t('tipsPage.thread.kindInternal')} />
                <Radio value="yes" label={t('tipsPage.thread.kindToSender')} disabled={!canAskSender} />
              </Stack>
            </Radio.Group>
            {!canAskSender ? (
              <Text size="xs" c="dimmed">
                {t('tipsPage.thread.noReceipt', { channel: t(`tipsPage.channels.${tip.channel}`) })}
              </Text>
            ) : null}
            {toSender ? (
              <Alert color="orange" variant="light" title={t('tipsPage.thread.toSenderWarningTitle')} icon={<IconMessage size={18} />}>
                {t('tipsPage.thread.toSenderWarning')}
              </Alert>
            ) : null}
            <Textarea
              label={t('tipsPage.thread.body')}
              description={toSender ? undefined : t('tipsPage.thread.internalHint')}
              {...requiredField}
              autosize
              minRows={3}
              maxRows={12}
              {...form.getInputProps('body')}
            />
            <Group justify="flex-end">
              <Button type="submit" color={toSender ? 'green.8' : undefined} loading={mutation.isPending && !isConfirming}>
                {toSender ? t('tipsPage.thread.sendToSender') : t('tipsPage.thread.saveInternal')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      <ConfirmDialog
        opened={isConfirming}
        title={t('tipsPage.thread.confirmTitle')}
        message={
          <>
            {t('tipsPage.thread.confirmText', { number: tip.number })}
            <Text component="span" display="block" mt="sm" className="tips-prose" fs="italic">
              “{form.values.body.trim()}”
            </Text>
          </>
        }
        confirmLabel={t('tipsPage.thread.confirmSend')}
        isDanger={false}
        onConfirm={() => mutation.mutate({ body: form.values.body, toSender: true })}
        onClose={() => setConfirming(false)}
        isLoading={mutation.isPending}
      />
    </Paper>
  );
}
