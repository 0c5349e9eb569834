import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput } from '../lib/format.ts';

export type FilterDateInputProps = Omit<TextInputProps, 'value' | 'onChange' | 'error'> & {
  /** The day in effect, yyyy-mm-dd, or undefined (usually from the address). */
  value: string | undefined;
  /** Called with the day typed (or undefined when the field is emptied), only when it differs from `value`. */
  onCommit: (day: string | undefined) => void;
  /** The message shown beside the field for text that is not a date. */
  formatError: string;
  /** An error from outside, e.g. the end of a period before its start. */
  error?: string | null;
};

/**
 * A day filter typed as dd/mm/yyyy (docs/ux §6: a text field, not a picker, for days far from today). It takes effect
 * when the field is left or Enter is pressed; text that is not a date keeps its error beside the field and changes
 * nothing. It follows `value` when that changes elsewhere (Back, "clear filters") and echoes a day as it was read
 * (1/1/2020 → 01/01/2020).
 */
export function FilterDateInput({ value, onCommit, formatError, error, ...props }: FilterDateInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatDate(value));
  const [ownError, setOwnError] = useState<string | null>(null);
  useEffect(() => {
    setText((current) => (parseDateInput(current) === (value ?? '') ? current : formatDate(value)));
    setOwnError(null);
  }, [value]);
  const commit = () => {
    const day = parseDateInput(text);
    if (day === null) {
      setOwnError(formatError);
      return;
    }
    setOwnError(null);
    setText(formatDate(day));
    if ((day || undefined) !== value) onCommit(day || undefined);
  };
  return (
    <TextInput
      placeholder={t('common.datePlaceholder')}
      inputMode="numeric"
      autoComplete="off"
      {...props}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        }
      }}
      error={ownError ?? error ?? undefined}
    />
  );
}
