import type { TestApp } from '../../test/app.ts';
import { findCredentialsByUsername } from '../modules/users/index.ts';
import { type OpenApiDocument, ValuePool } from './openapi-fuzz.ts';

/** The accounts the fuzzer acts as (bearer tokens, renewed on demand) and nobody; the pool never holds their own ids. */
export async function fuzzSetup(t: TestApp): Promise<{
  doc: OpenApiDocument;
  actors: Record<string, Record<string, string>>;
  pool: ValuePool;
  refreshActors: () => Promise<void>;
}> {
  const usernames = ['quantri', 'truongcongan', 'canbo', 'tobaove', 'hoagiai'];
  const actors: Record<string, Record<string, string>> = { anonymous: {} };
  const refreshActors = async () => {
    for (const u of usernames) actors[u] = { authorization: `Bearer ${await t.tokenFor(u)}` };
  };
  await refreshActors();
  const own = new Set<string>();
  for (const u of usernames) {
    const user = await findCredentialsByUsername(t.deps.database.db, u);
    if (user) own.add(user.id);
  }
  const doc = (await t.app.inject('/api/openapi.json')).json() as OpenApiDocument;
  return { doc, actors, pool: new ValuePool(own), refreshActors };
}
