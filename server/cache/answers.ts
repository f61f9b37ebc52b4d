/**
 * Analytics answers kept as JSON text, per database and kind, for one data version: the first
 * request computes and serialises, later ones with the same parameters send the text as it is.
 *
 * @example
 * const text = await cachedJson(db, 'matrix', [roundId, space, method], data.version, () => roundMatrixOf(data, q));
 * return jsonText(c, text);
 */
import type { Db } from '../../db/client';
import { perDatabase, VersionedCache } from './versioned-cache';

const ENTRIES_PER_KIND = 20_000;
const caches = perDatabase(() => new Map<string, VersionedCache<string>>());

export function cachedJson(db: Db, kind: string, key: unknown[], version: string, compute: () => unknown): Promise<string> {
  const byKind = caches(db);
  let cache = byKind.get(kind);
  if (!cache) byKind.set(kind, (cache = new VersionedCache<string>(ENTRIES_PER_KIND)));
  return cache.get(JSON.stringify(key), version, async () => JSON.stringify(await compute()));
}
