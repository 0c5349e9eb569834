import { notifications } from '@mantine/notifications';
import { i18n } from '../lib/i18n.ts';

/** A short confirmation after a successful action, announced politely. */
export function notifySuccess(message: string): void {
  notifications.show({
    message,
    color: 'green',
    role: 'status',
    autoClose: 5000,
    withBorder: true,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
