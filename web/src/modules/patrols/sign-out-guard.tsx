import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { countAllOutbox, wipeDevice } from './offline/outbox.ts';
import { resetOutboxState, syncNow } from './offline/outbox-state.ts';

/**
 * Deletes everything the patrol screens keep on this device (the key, the outbox, drafts, the field kit). Called before
 * the session ends, so that a phone handed over or lost after a logout holds nothing of the account.
 */
export async function wipePatrolDevice(): Promise<void> {
  resetOutboxState();
  try {
    await wipeDevice();
  } catch {
    // IndexedDB unavailable (private mode): there was nothing stored.
  }
}

/**
 * Signing out with the patrol outbox in mind: with nothing waiting, the device store is wiped and the session ends;
 * with rounds not yet sent, a dialog says how many will be lost and offers "Gửi ngay" first.
 */
export function useGuardedSignOut(
  signOut: () => Promise<void>,
  accountId: string | null,
): { requestSignOut: () => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const [unsent, setUnsent] = useState(0);
  const [isBusy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const finish = async () => {
    setBusy(true);
    await wipePatrolDevice();
    setUnsent(0);
    setBusy(false);
    await signOut();
  };

  const requestSignOut = () => {
    void (async () => {
      const count = await countAllOutbox().catch(() => 0);
      if (count === 0) {
        await finish();
        return;
      }
      setMessage(null);
      setUnsent(count);
    })();
  };

  const sendFirst = async () => {
    setBusy(true);
    setMessage(null);
    await syncNow(true, accountId ?? undefined).catch(() => null);
    const left = await countAllOutbox().catch(() => 0);
    setBusy(false);
    if (left === 0) {
      await finish();
      return;
    }
    setUnsent(left);
    setMessage(t('patrolsPage.signOut.stillUnsent', { count: formatNumber(left) }));
  };

  const dialog = (
    <Modal
      opened={unsent > 0}
      onClose={() => setUnsent(0)}
      title={t('patrolsPage.signOut.title', { count: formatNumber(unsent) })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text>{t('patrolsPage.signOut.message', { count: formatNumber(unsent) })}</Text>
        <FormErrorAlert message={message} />
        <Group justify="flex-end" gap="sm" wrap="wrap">
          <Button variant="default" onClick={() => setUnsent(0)} disabled={isBusy}>
            {t('common.cancel')}
          </Button>
          <Button variant="outline" onClick={() => void sendFirst()} loading={isBusy} data-autofocus>
            {t('patrolsPage.outbox.sendNow')}
          </Button>
          <Button color="red" onClick={() => void finish()} disabled={isBusy}>
            {t('patrolsPage.signOut.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { requestSignOut, dialog };
}
