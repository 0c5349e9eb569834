import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../lib/api.ts';

type ErrorAlertProps = { error: unknown; onRetry?: () => void; title?: string };

/** A failed load or action, in the server's translated words, with an optional retry. */
export function ErrorAlert({ error, onRetry, title }: ErrorAlertProps) {
  const { t } = useTranslation();
  const heading = title ?? (error instanceof ApiError && error.detail ? error.title : t('common.errorTitle'));
  return (
    <Alert color="red" variant="light" title={heading} role="alert">
      {describeError(error)}
      {onRetry ? (
        <div>
          <Button variant="outline" color="red" size="xs" mt="sm" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      ) : null}
    </Alert>
  );
}

/** A message for a whole form (not tied to one field), announced when it appears. */
export function FormErrorAlert({ message, title }: { message: string | null; title?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title ?? t('common.formErrorTitle')} role="alert">
      {message}
    </Alert>
  );
}
