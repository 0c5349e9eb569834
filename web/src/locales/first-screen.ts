import type { Tree } from './merge.ts';

/**
 * The groups of strings the first screens use before anyone is signed in: the sign-in steps, the language choice, the
 * loading, error and not-found pages, and the problems the server answers with. The first load fetches only these;
 * the rest of the language comes before any other screen shows (first-screen.test.ts checks that those screens use
 * no other group).
 */
export const FIRST_SCREEN_GROUPS = ['app', 'auth', 'common', 'errors', 'login', 'shell', 'validation'] as const;

/** The first-screen groups of a catalogue. */
export function firstScreenOf(catalogue: Tree): Tree {
  const out: Tree = {};
  for (const group of FIRST_SCREEN_GROUPS) {
    const value = catalogue[group];
    if (value !== undefined) out[group] = value;
  }
  return out;
}
