import { notifications } from '@mantine/notifications';

/** A short confirmation after a successful action, announced politely. */
export function notifySuccess(message: string): void {
  notifications.show({ message, color: 'green', role: 'status', autoClose: 5000, withBorder: true });
}
