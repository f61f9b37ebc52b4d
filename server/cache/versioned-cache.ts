/**
 * A bounded in-memory cache whose entries are valid for one data version: a lookup with another
 * version reloads. Concurrent lookups of the same key and version share one load; a failed load is
 * forgotten. The least recently used entries go first once there are more than `maxEntries`, or
 * their measured size passes `maxBytes`. Each database gets its own caches (tests open many
 * databases in one process).
 *
 * @example
 * const rounds = perDatabase(() => new VersionedCache<Round>({ maxEntries: 1000 }));
 * const round = await rounds(db).get(`${id}`, `${versions.rounds}`, () => findRound(db, id));
 */
import type { Db } from '../../db/client';

interface Entry<V> {
  version: string;
  value: Promise<V>;
  bytes: number;
}

export interface CacheLimits<V> {
  maxEntries: number;
  /** With `sizeOf`: the most bytes the resolved values may take together. */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
}

export class VersionedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  #bytes = 0;

  constructor(readonly limits: CacheLimits<V>) {}

  get(key: string, version: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit) this.#remove(key, hit);
    if (hit?.version === version) {
      this.#entries.set(key, hit); // most recently used now
      this.#bytes += hit.bytes;
      return hit.value;
    }
    const entry: Entry<V> = { version, value: load(), bytes: 0 };
    this.#entries.set(key, entry);
    entry.value.then(
      (v) => {
        if (this.#entries.get(key) !== entry || !this.limits.sizeOf) return;
        entry.bytes = this.limits.sizeOf(v);
        this.#bytes += entry.bytes;
        this.#trim();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#remove(key, entry);
      },
    );
    this.#trim();
    return entry.value;
  }

  /** The newest entry for a key whatever its version (for incremental refreshes), if any. */
  latest(key: string): { version: string; value: Promise<V> } | undefined {
    return this.#entries.get(key);
  }

  #trim() {
    const { maxEntries, maxBytes = Infinity } = this.limits;
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= 1 || (this.#entries.size <= maxEntries && this.#bytes <= maxBytes)) return;
      this.#remove(key, entry);
    }
  }

  #remove(key: string, entry: Entry<V>) {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
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
