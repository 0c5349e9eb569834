import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en, vi } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Every `action: '<module>.<verb>'` an audit entry is written with, in the server's source. */
function auditedActions(dir: string, found = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) auditedActions(path, found);
    else if (path.endsWith('.ts') && !path.includes('.test.')) {
      for (const m of readFileSync(path, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1] as string);
    }
  }
  return found;
}

describe('audit log labels', () => {
  it('names every action the server audits, in Vietnamese and English (the audit screen shows and filters by them)', () => {
    const actions = [...auditedActions(SRC)].sort();
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.filter((a) => !(a in vi.auditActions))).toEqual([]);
    expect(actions.filter((a) => !(a in en.auditActions))).toEqual([]);
  });
});
