import { catalogue as full } from './catalogue.en.ts';
import { firstScreenOf } from './first-screen.ts';

/** The English strings of the first screens (see first-screen.ts); a build writes them as JSON. */
export const catalogue = firstScreenOf(full);
