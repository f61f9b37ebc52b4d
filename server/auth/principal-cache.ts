/**
 * Remembers who a credential (session or token, by its SHA-256) stands for, so a request needs no
 * database lookups to authenticate while nothing that decides access has changed: an entry is used
 * only while the `access` change counter (users, grants, tokens, sessions — in any process) is the
 * one it was resolved under and its own time limit (expiry, next last-seen write) has not passed.
 * Unknown credentials are never cached; a miss always asks the database.
 *
 * @example
 * const p = await cachedPrincipal(db, `token:${digest(t)}`, versions.access, Date.now(), () => principalFromToken(db, t));
 */
import type { Db } from '../../db/client';
import { perDatabase } from '../cache/versioned-cache';
import type { Principal } from './principal';

export interface ResolvedPrincipal {
  principal: Principal;
  /** Epoch milliseconds after which the database must be asked again. */
  validUntil: number;
}

const MAX_ENTRIES = 10_000;
const caches = perDatabase(() => new Map<string, { access: number; resolved: ResolvedPrincipal }>());

export async function cachedPrincipal(db: Db, key: string, accessVersion: number, now: number, resolve: () => Promise<ResolvedPrincipal | null>): Promise<Principal | null> {
  const cache = caches(db);
  const hit = cache.get(key);
  if (hit && hit.access === accessVersion && now < hit.resolved.validUntil) return hit.resolved.principal;
  const resolved = await resolve();
  if (!resolved) {
    cache.delete(key);
    return null;
  }
  if (!hit && cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { access: accessVersion, resolved });
  return resolved.principal;
}
