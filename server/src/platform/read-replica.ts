import { sql } from 'drizzle-orm';
import { auditAppended, divertAudit } from './audit/audit.ts';
import type { Database, Db, Tx } from './db.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';

/** A write kept aside during a replica read, replayed on the primary afterwards: only audit entries are. */
type Deferred = (tx: Tx) => Promise<unknown>;

/**
 * The dependencies for reads that may come from the read replica (DATABASE_READ_URL): the reports. Without a replica
 * they are `deps` itself. With one, `database.db` is a handle whose transactions run on the replica, read-only, with the
 * same role and row-level security settings as any request (`withActor` issues `SET LOCAL`, which a hot standby
 * accepts), while everything that writes goes to the primary:
 *
 * - an audit entry written inside such a transaction (every report read is audited) is kept aside by `recordAudit`
 *   (`divertAudit`) and written to the primary, in one transaction, right after the read succeeds and before the answer leaves: no answer without its
 *   audit entry, and no entry for a read that failed — as when both happen in one transaction on the primary;
 * - any other write inside such a transaction is refused: by the query builder at once (`internal`), by SQL text by
 *   the read-only transaction itself; a report's code that starts writing must be routed to the primary;
 * - writes outside a transaction (`insert`, `update`, `delete` on the handle itself) and the job queue go to the primary.
 *
 * A replica lags the primary (usually well under a second on a local network): a report may not yet count what was
 * recorded in the last moments; reports are about closed periods, so this is accepted (docs/operations.md).
 */
export function replicaDeps(deps: Deps): Deps {
  const reader = deps.database.reader;
  if (!reader) return deps;
  return { ...deps, database: replicaRouted(deps.database, reader) };
}

/** `primary`'s writes, `reader`'s reads (see `replicaDeps`); exported for the test, which routes one database to itself. */
export function replicaRouted(primary: Database, reader: Database): Database {
  const db = routedDb(primary.db, reader.db);
  return { ...primary, db, reader: undefined };
}

const WRITES = new Set(['insert', 'update', 'delete']);

function routedDb(primary: Db, reader: Db): Db {
  const transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const audits: Deferred[] = [];
    const result = await reader.transaction(async (rtx) => {
      await rtx.execute(sql`SET TRANSACTION READ ONLY`);
      return fn(readOnlyTx(rtx, audits));
    });
    if (audits.length > 0) {
      await primary.transaction(async (tx) => {
        for (const write of audits) await write(tx);
      });
      auditAppended();
    }
    return result;
  };
  return new Proxy(reader, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      if (typeof prop === 'string' && WRITES.has(prop)) return Reflect.get(primary, prop, primary).bind(primary);
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A replica transaction: reads pass; an audit entry is kept for the primary; any other write is refused. */
function readOnlyTx(rtx: Tx, audits: Deferred[]): Tx {
  const tx = new Proxy(rtx, {
    get(target, prop, receiver) {
      if (prop === 'insert' || prop === 'update' || prop === 'delete') {
        return () => {
          throw new AppError('internal');
        };
      }
      if (prop === 'transaction') {
        return <T>(fn: (tx: Tx) => Promise<T>) => target.transaction((inner) => fn(readOnlyTx(inner, audits)));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  divertAudit(tx, (entry) => audits.push((primary) => primary.execute(entry)));
  return tx;
}
