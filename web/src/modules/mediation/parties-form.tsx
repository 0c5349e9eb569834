import { Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../ui/notify.ts';
import { type CaseDetail, mediationKey, updateCaseParties } from './api.ts';
import { refusalText } from './team-forms.tsx';

type PartyDraft = { name: string; age: number | string; address: string; related: boolean };

/**
 * Corrects the parties and related persons (the book's column 4) and the invitees (column 3) of a recorded case. What
 * was typed stays when the server refuses it; the server writes nothing then.
 */
export function EditPartiesModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [parties, setParties] = useState<PartyDraft[]>(
    c.parties.map((p) => ({ name: p.name, age: p.age ?? '', address: p.address ?? '', related: p.related ?? false })),
  );
  const [invitees, setInvitees] = useState(c.invitees ?? '');
  const save = useMutation({
    mutationFn: () =>
      updateCaseParties(c.id, {
        parties: parties
          .filter((p) => p.name.trim())
          .map((p) => ({
            name: p.name,
            ...(typeof p.age === 'number' ? { age: p.age } : {}),
            ...(p.address.trim() ? { address: p.address } : {}),
            ...(p.related ? { related: true } : {}),
          })),
        invitees: invitees.trim() ? invitees : null,
      }),
    onSuccess: (next) => {
      client.setQueryData([...mediationKey, 'case', c.id], next);
      void client.invalidateQueries({ queryKey: [...mediationKey, 'cases'] });
      notifySuccess(t('mediationPage.case.saved'));
      onClose();
    },
  });
  const set = (i: number, patch: Partial<PartyDraft>) => setParties((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('mediationPage.case.editPartiesTitle', { number: c.number })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          {parties.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positional; removing one renumbers the rest.
            <Stack key={i} gap={4}>
              <Title order={3} size="h6">
                {t('mediationPage.case.partyN', { n: i + 1 })}
              </Title>
              <Group grow align="flex-end" wrap="wrap">
                <TextInput
                  label={t('mediationPage.form.partyName', { n: i + 1 })}
                  value={p.name}
                  required={i === 0}
                  onChange={(e) => set(i, { name: e.currentTarget.value })}
                />
                <NumberInput
                  label={t('mediationPage.case.partyAgeN', { n: i + 1 })}
                  value={p.age}
                  min={0}
                  max={130}
                  allowDecimal={false}
                  onChange={(v) => set(i, { age: v })}
                />
              </Group>
              <TextInput
                label={t('mediationPage.case.partyAddressN', { n: i + 1 })}
                value={p.address}
                onChange={(e) => set(i, { address: e.currentTarget.value })}
              />
              <Group justify="space-between" wrap="wrap">
                <Checkbox
                  label={t('mediationPage.case.relatedN', { n: i + 1 })}
                  checked={p.related}
                  onChange={(e) => set(i, { related: e.currentTarget.checked })}
                />
                {parties.length > 1 ? (
                  <Button variant="subtle" color="red" size="compact-sm" onClick={() => setParties((all) => all.filter((_, j) => j !== i))}>
                    {t('mediationPage.case.removeParty', { n: i + 1 })}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setParties((all) => [...all, { name: '', age: '', address: '', related: false }])}
            >
              {t('mediationPage.form.addParty')}
            </Button>
          </Group>
          <Textarea
            label={t('mediationPage.form.invitees')}
            description={t('mediationPage.form.inviteesHint')}
            value={invitees}
            onChange={(e) => setInvitees(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={500}
          />
          <Group justify="flex-end" wrap="wrap">
            <Button variant="default" onClick={onClose}>
              {t('mediationPage.form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('mediationPage.case.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
