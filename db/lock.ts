/**
 * Serialises access to a libSQL client inside one process.
 *
 * libSQL's embedded driver waits for a busy database *synchronously*, blocking the event loop; if
 * the lock holder is a transaction of this same process, that wait can never succeed. So writes
 * (transactions, batches and non-read statements) queue on an async lock here, while reads on a
 * pooled file database run freely beside them (WAL). Single-connection databases (`:memory:`,
 * embedded replicas) queue every operation, since their one connection is shared.
 *
 * @example
 * const client = withWriteLock(createClient({ url: 'file:x.db' }), { exclusive: false });
 */
import type { Client, InStatement, Transaction } from '@libsql/client';

class AsyncLock {
  #tail: Promise<void> = Promise.resolve();
  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
}

const READ = /^\s*(SELECT|WITH|EXPLAIN|PRAGMA\s+\w+\s*(;|$))/i;
const sqlOf = (stmt: InStatement | string) => (typeof stmt === 'string' ? stmt : stmt.sql);

export function withWriteLock(client: Client, { exclusive }: { exclusive: boolean }): Client {
  const lock = new AsyncLock();
  const locked = async <T>(run: () => Promise<T>) => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return new Proxy(client, {
    get(target, prop) {
      switch (prop) {
        case 'execute':
          return (stmt: InStatement | string, args?: unknown) => {
            const run = () => (typeof stmt === 'string' ? target.execute(stmt, args as never) : target.execute(stmt));
            return exclusive || !READ.test(sqlOf(stmt)) ? locked(run) : run();
          };
        case 'batch':
        case 'migrate':
        case 'executeMultiple':
          return (...args: unknown[]) => locked(() => (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        case 'transaction':
          return async (...args: unknown[]): Promise<Transaction> => {
            const release = await lock.acquire();
            try {
              return holdUntilDone(await (target.transaction as (...a: unknown[]) => Promise<Transaction>).apply(target, args), release);
            } catch (e) {
              release();
              throw e;
            }
          };
        default: {
          const value = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

/** Releases the lock when the transaction commits, rolls back or closes (once). */
function holdUntilDone(tx: Transaction, release: () => void): Transaction {
  let done = false;
  const finish = () => {
    if (!done) {
      done = true;
      release();
    }
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'commit' || prop === 'rollback') {
        return async () => {
          try {
            return await target[prop]();
          } finally {
            finish();
          }
        };
      }
      if (prop === 'close') {
        return () => {
          try {
            target.close();
          } finally {
            finish();
          }
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
