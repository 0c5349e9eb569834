/**
 * Props that mark a field as required: a visual asterisk drawn by CSS (kept out of the accessible name and the
 * label text, so "Tên đăng nhập" stays exactly that for assistive technology) and aria-required on the input.
 */
export const requiredField = {
  labelProps: { className: 'label-required' },
  'aria-required': true,
} as const;
