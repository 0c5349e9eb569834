import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { IconSearch } from './icons.tsx';

export type FilterSearchInputProps = {
  label: string;
  /** A hint under the label, e.g. what can be searched. */
  description?: string;
  /** The search in effect (usually from the address), or undefined. */
  value: string | undefined;
  /** Called 350 ms after typing stops, with the trimmed text, or undefined when it is empty. */
  onChange: (value: string | undefined) => void;
  /** The field's CSS `flex` in a filter bar, e.g. "2 1 14rem". */
  flex?: string;
};

/**
 * The search box of a list: `type="search"` with a search icon, applied a moment after typing stops. It follows
 * `value` when that changes elsewhere (Back, links, "clear filters") without undoing what is being typed (e.g. a
 * trailing space).
 */
export function FilterSearchInput({ label, description, value, onChange, flex }: FilterSearchInputProps) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText((current) => (current.trim() === (value ?? '') ? current : (value ?? ''))), [value]);
  const apply = useDebouncedCallback((typed: string) => onChange(typed.trim() || undefined), 350);
  return (
    <TextInput
      label={label}
      description={description}
      type="search"
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        apply(event.currentTarget.value);
      }}
      style={flex ? { flex } : undefined}
    />
  );
}
