import type { Unit } from '@binh-an/domain';
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVietnamese } from '../lib/text.ts';

/** The keys of a form's values that hold text (what a text box edits). */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

/**
 * A dialog form's values, as `[values, set, text]`: `set` changes some of them, `text(key)` is the `value`/`onChange`
 * pair of a text box bound to one. The values live as long as the form, so nothing typed is lost when a save is refused.
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const set = (patch: Partial<V>) => setValues((prev) => ({ ...prev, ...patch }));
  const text = (key: TextKey<V>) => ({
    value: values[key] as string,
    onChange: (e: { currentTarget: { value: string } }) => set({ [key]: e.currentTarget.value } as Partial<V>),
  });
  return [values, set, text] as const;
}

/** Blocks (and the ward) in force, the ward first, as options for a filter or a form. */
export function blockOptions(units: readonly Unit[]): { value: string; label: string }[] {
  return units
    .filter((u) => u.isActive && (u.type === 'block' || u.type === 'ward' || u.type === 'commune'))
    .sort((a, b) => Number(a.type === 'block') - Number(b.type === 'block') || compareVietnamese(a.name, b.name))
    .map((u) => ({ value: u.id, label: u.name }));
}

/** The block (or the ward) a record belongs to, among the user's units in force; required, typing narrows the list. */
export function BlockSelect({
  label,
  units,
  value,
  onChange,
}: {
  label: string;
  units: readonly Unit[];
  /** The unit's id, '' for none yet. */
  value: string;
  onChange: (unitId: string) => void;
}) {
  return (
    <Select
      label={label}
      data={blockOptions(units)}
      value={value || null}
      onChange={(x) => onChange(x ?? '')}
      required
      searchable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** One of a fixed list of codes (a kind, a status, a channel), each named by the message `${messages}.${code}`; one is always chosen. */
export function ChoiceSelect<T extends string>({
  label,
  description,
  choices,
  messages,
  value,
  onChange,
}: {
  label: string;
  description?: string;
  choices: readonly T[];
  /** The message group naming each code, e.g. "residence.placeKinds". */
  messages: string;
  value: T;
  onChange: (value: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      description={description}
      data={choices.map((c) => ({ value: c, label: t(`${messages}.${c}`) }))}
      value={value}
      onChange={(x) => {
        if (x) onChange(x as T);
      }}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
