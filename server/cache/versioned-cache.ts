/**
 * A bounded in-memory cache whose entries are valid for one data version: a lookup with another
 * version reloads. Concurrent lookups of the same key and version share one load; a failed load is
 * forgotten. Each database gets its own caches (tests open many databases in one process).
 *
 * @example
 * const rounds = perDatabase(() => new VersionedCache<Round>(1000));
 * const round = await rounds(db).get(`${id}`, `${versions.rounds}`, () => findRound(db, id));
 */
import type { Db } from '../../db/client';

export class VersionedCache<V> {
  readonly #entries = new Map<string, { version: string; value: Promise<V> }>();

  constructor(readonly maxEntries: number) {}

  get(key: string, version: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit?.version === version) return hit.value;
    if (hit) this.#entries.delete(key);
    else if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    const value = load();
    this.#entries.set(key, { version, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  /** The newest entry for a key whatever its version (for incremental refreshes), if any. */
  latest(key: string): { version: string; value: Promise<V> } | undefined {
    return this.#entries.get(key);
  }
}

/** One instance of something per database handle, created on first use. */
export function perDatabase<T extends object>(create: () => T): (db: Db) => T {
  const instances = new WeakMap<Db, T>();
  return (db) => {
    let it = instances.get(db);
    if (!it) instances.set(db, (it = create()));
    return it;
  };
}
