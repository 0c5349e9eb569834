export { pageLocale, publicLayout, registerPublicPages, sendPage } from './public.pages.ts';
