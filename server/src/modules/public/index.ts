export { registerPublicPages } from './public.pages.ts';
