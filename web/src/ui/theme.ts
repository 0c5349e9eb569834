import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

// Palettes chosen so that white text on shade 7 and shade 9 text on shade 1 both pass WCAG AA (≥ 4.5:1).
const brand: MantineColorsTuple = [
  '#e8f1fa',
  '#d0e2f4',
  '#a3c5e8',
  '#72a6db',
  '#4a8bcf',
  '#2f78c4',
  '#1f66b0',
  '#17589a',
  '#0f4a84',
  '#093a69',
];
const green: MantineColorsTuple = [
  '#eaf7ee',
  '#d2eedb',
  '#a6dcb7',
  '#76c992',
  '#4db673',
  '#2f9e57',
  '#238547',
  '#1b6f3b',
  '#155c31',
  '#0f4a27',
];
const red: MantineColorsTuple = [
  '#fdeeee',
  '#f9d9d9',
  '#f1b0b0',
  '#e98585',
  '#e05f5f',
  '#d43f3f',
  '#c02f2f',
  '#a82626',
  '#8f1f1f',
  '#761919',
];
const orange: MantineColorsTuple = [
  '#fff4e5',
  '#fde5c4',
  '#f9c98a',
  '#f2aa50',
  '#e58e2a',
  '#cc7512',
  '#a85f0c',
  '#8a4d09',
  '#703e07',
  '#5a3105',
];

const fontFamily = "'Be Vietnam Pro', system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/** The one theme of the staff app. */
export const theme = createTheme({
  fontFamily,
  fontFamilyMonospace: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
  headings: {
    fontFamily,
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.625rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
      h3: { fontSize: '1.0625rem', lineHeight: '1.4' },
    },
  },
  lineHeights: { xs: '1.45', sm: '1.5', md: '1.55', lg: '1.6', xl: '1.65' },
  colors: { brand, green, red, orange },
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // Sentence case: upper-case Vietnamese stacks diacritics and reads as shouting.
    Badge: {
      defaultProps: { variant: 'light', radius: 'sm' },
      styles: { root: { textTransform: 'none', fontWeight: 600, overflow: 'visible' }, label: { overflow: 'visible' } },
    },
    Button: { defaultProps: { radius: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    // A dialog's title bar is not the page banner: render it as a plain element, not <header>.
    ModalHeader: { defaultProps: { component: 'div' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
  },
});

/** Darker "dimmed", placeholder and error colours than the library's, for text contrast on white and grey. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-7)',
    '--mantine-color-anchor': 'var(--mantine-color-brand-8)',
  },
  dark: {},
});
