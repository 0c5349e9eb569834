import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconEyeOff } from '../../ui/icons.tsx';
import { useCan } from '../auth/hooks.ts';
import { fetchTipContact, type TipDetail } from './api.ts';
import { IconLock } from './tips-icons.tsx';

/**
 * The sender's identity, kept apart from the tip: shown only after an explicit, logged request, held in this
 * component alone (never in the shared cache) and gone again when the page is left or "Ẩn" is pressed.
 */
export function TipContactPanel({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const reveal = useMutation({ mutationFn: () => fetchTipContact(tip.id) });
  const { reset } = reveal;
  const assigneeId = tip.assignedTo?.id ?? null;
  // A change of the officer in charge changes who may see the details: start masked again.
  useEffect(() => {
    if (assigneeId !== undefined) reset();
  }, [assigneeId, reset]);

  const renderBody = () => {
    if (tip.reporterIdentity === 'anonymous') return <Text size="sm">{t('tipsPage.contact.anonymous')}</Text>;
    if (tip.reporterIdentity === 'refused') return <Text size="sm">{t('tipsPage.contact.refused')}</Text>;
    if (!tip.hasContact) return <Text size="sm">{t('tipsPage.contact.noContact')}</Text>;
    if (!can('tip.identity')) return <Text size="sm">{t('tipsPage.contact.notAllowed')}</Text>;
    if (reveal.data) {
      const contact = reveal.data;
      return (
        <Stack gap="sm">
          <dl className="tips-facts">
            <dt>{t('tipsPage.contact.name')}</dt>
            <dd>{contact.name || t('tipsPage.detail.notGiven')}</dd>
            <dt>{t('tipsPage.contact.phone')}</dt>
            <dd>{contact.phone || t('tipsPage.detail.notGiven')}</dd>
            <dt>{t('tipsPage.contact.address')}</dt>
            <dd>{contact.address || t('tipsPage.detail.notGiven')}</dd>
          </dl>
          <Text size="xs" c="dimmed">
            {t('tipsPage.contact.revealedNote')}
          </Text>
          <div>
            <Button variant="outline" leftSection={<IconEyeOff size={16} />} onClick={() => reveal.reset()}>
              {t('tipsPage.contact.hide')}
            </Button>
          </div>
        </Stack>
      );
    }
    const isForbidden = reveal.error instanceof ApiError && reveal.error.status === 403;
    return (
      <Stack gap="sm">
        <Alert color="orange" variant="light" title={t('tipsPage.contact.warningTitle')} icon={<IconLock size={18} />}>
          {t('tipsPage.contact.warning')}
        </Alert>
        {isForbidden ? (
          <Alert color="orange" variant="light" role="alert">
            {t('tipsPage.contact.notAllowed')}
          </Alert>
        ) : reveal.error ? (
          <ErrorAlert error={reveal.error} />
        ) : null}
        <div>
          <Button variant="outline" color="orange.9" onClick={() => reveal.mutate()} loading={reveal.isPending}>
            {t('tipsPage.contact.reveal')}
          </Button>
        </div>
      </Stack>
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-contact-title">
      <Title order={2} size="h3" id="tip-contact-title" mb="sm">
        {t('tipsPage.contact.title')} · {t(`tipsPage.identities.${tip.reporterIdentity}`)}
      </Title>
      {renderBody()}
    </Paper>
  );
}
