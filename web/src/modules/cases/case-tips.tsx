import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { type CaseDetail, linkCaseTip, type TipOption, useApplyCaseChange, useTipOptions } from './api.ts';
import { IconLink } from './cases-icons.tsx';

type LinkedTip = { id: string; number: string | null; isNew: boolean };

/**
 * The tips linked to the case. The case response may carry them as `tips` (with numbers) or `tipIds`; tips linked on
 * this screen are added from the picker so that the officer sees the link at once either way.
 */
function linkedTipsOf(item: CaseDetail, linkedHere: readonly TipOption[], known: ReadonlyMap<string, string>): LinkedTip[] | null {
  const fromServer: LinkedTip[] | null = item.tips
    ? item.tips.map((tip) => ({ id: tip.id, number: tip.number, isNew: false }))
    : item.tipIds
      ? item.tipIds.map((id) => ({ id, number: known.get(id) ?? null, isNew: false }))
      : null;
  const out = [...(fromServer ?? [])];
  for (const tip of linkedHere) if (!out.some((linked) => linked.id === tip.id)) out.push({ id: tip.id, number: tip.number, isNew: true });
  return fromServer === null && out.length === 0 ? null : out;
}

/** The tips that led to or helped the case, each linked to its page, and a picker to link another. */
export function CaseTips({ item, canManage, canOpenTips }: { item: CaseDetail; canManage: boolean; canOpenTips: boolean }) {
  const { t } = useTranslation();
  const applyChange = useApplyCaseChange();
  const [searchText, setSearchText] = useState('');
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const [linkedHere, setLinkedHere] = useState<TipOption[]>([]);
  const [known, setKnown] = useState<Map<string, TipOption>>(new Map());
  const optionLabel = (tip: TipOption) =>
    t('casesPage.detail.tips.option', { number: tip.number, unit: tip.unitName, date: formatDate(tip.receivedOn) });
  // Once a tip is chosen the box shows its label; that is not a search to send.
  const chosenBefore = chosenId ? known.get(chosenId) : undefined;
  const typed = chosenBefore && searchText === optionLabel(chosenBefore) ? '' : searchText.trim();
  const [debounced] = useDebouncedValue(typed, 300);
  const optionsQuery = useTipOptions(debounced, canManage);
  const options = optionsQuery.data ?? [];

  // Every tip seen in the picker stays known by id, so a chosen one keeps its label while the search moves on.
  const allKnown = useMemo(() => {
    const map = new Map(known);
    for (const tip of options) map.set(tip.id, tip);
    return map;
  }, [known, options]);
  const numbers = useMemo(() => new Map([...allKnown.values()].map((tip) => [tip.id, tip.number])), [allKnown]);
  const linked = linkedTipsOf(item, linkedHere, numbers);
  const linkedIds = new Set((linked ?? []).map((tip) => tip.id));

  const data = options.filter((tip) => !linkedIds.has(tip.id)).map((tip) => ({ value: tip.id, label: optionLabel(tip) }));
  const chosen = chosenId ? allKnown.get(chosenId) : undefined;
  if (chosen && !data.some((option) => option.value === chosen.id)) data.unshift({ value: chosen.id, label: optionLabel(chosen) });

  const mutation = useMutation({
    mutationFn: (tip: TipOption) => linkCaseTip(item.id, tip.id),
    onSuccess: async (updated, tip) => {
      notifySuccess(t('casesPage.detail.tips.linked', { number: tip.number }));
      setLinkedHere((current) => [...current, tip]);
      setChosenId(null);
      setSearchText('');
      await applyChange(updated);
    },
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-tips-title">
      <Title order={2} size="h3" id="case-tips-title" mb="sm">
        {t('casesPage.detail.tips.title')}
      </Title>
      {linked === null ? (
        <Text size="sm" c="dimmed">
          {t('casesPage.detail.tips.notListed')}
        </Text>
      ) : linked.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('casesPage.detail.tips.empty')}
        </Text>
      ) : (
        <ul className="cases-linked-tips">
          {linked.map((tip) => {
            const number = tip.number ?? tip.id.slice(0, 8);
            return (
              <li key={tip.id}>
                {canOpenTips ? (
                  <AnchorLink
                    to="/tips/$tipId"
                    params={{ tipId: tip.id }}
                    className="mono"
                    fw={700}
                    size="sm"
                    aria-label={t('casesPage.detail.tips.openTip', { number })}
                  >
                    {number}
                  </AnchorLink>
                ) : (
                  <Text component="span" className="mono" fw={700} size="sm">
                    {number}
                  </Text>
                )}
                {tip.isNew && item.tips === undefined && item.tipIds === undefined ? (
                  <Text component="span" size="xs" c="dimmed">
                    {' '}
                    · {t('casesPage.detail.tips.linkedNow')}
                  </Text>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {linked?.some((tip) => tip.isNew) && item.tips === undefined && item.tipIds === undefined ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('casesPage.detail.tips.notListed')}
        </Text>
      ) : null}
      {canManage ? (
        <Stack gap="xs" mt="md">
          <Select
            label={t('casesPage.detail.tips.pickLabel')}
            description={t('casesPage.detail.tips.pickHint')}
            placeholder={t('casesPage.detail.tips.pickPlaceholder')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            data={data}
            value={chosenId}
            onChange={(value) => {
              setChosenId(value);
              setChooseError(null);
              if (value) {
                const tip = options.find((option) => option.id === value);
                if (tip) setKnown((current) => new Map(current).set(tip.id, tip));
              }
            }}
            searchValue={searchText}
            onSearchChange={setSearchText}
            // The server already matched what was typed (number, block); show its answer as it is.
            filter={({ options: all }) => all}
            nothingFoundMessage={optionsQuery.isFetching ? t('common.loading') : t('common.noMatches')}
            maxDropdownHeight={280}
            comboboxProps={{ withinPortal: true }}
            error={chooseError}
          />
          {mutation.error ? <ErrorAlert error={mutation.error} /> : null}
          <Group justify="flex-end">
            <Button
              variant="outline"
              leftSection={<IconLink size={16} />}
              loading={mutation.isPending}
              onClick={() => {
                if (!chosen) {
                  setChooseError(t('casesPage.detail.tips.chooseFirst'));
                  return;
                }
                mutation.mutate(chosen);
              }}
            >
              {t('casesPage.detail.tips.link')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('casesPage.detail.tips.senderNote')}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  );
}
