import { catalogue as full } from './catalogue.vi.ts';
import { firstScreenOf } from './first-screen.ts';

/** The Vietnamese strings of the first screens (see first-screen.ts); a build writes them as JSON. */
export const catalogue = firstScreenOf(full);
