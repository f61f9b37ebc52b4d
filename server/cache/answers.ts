/**
 * Analytics answers kept serialised, per database and kind, for one data version: the first request
 * computes and encodes the JSON, later ones with the same parameters send the bytes as they are
 * (gzipped once, off the event loop, for clients that accept it).
 *
 * @example
 * const answer = await cachedJson(db, 'matrix', [roundId, space, method], data.version, () => roundMatrixOf(data, q));
 * return jsonText(c, answer);
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Db } from '../../db/client';
import { perDatabase, VersionedCache } from './versioned-cache';

/** Per kind of answer: at most this many, taking at most this much memory (gzipped copies included). */
const ENTRIES_PER_KIND = 20_000;
const BYTES_PER_KIND = 64 * 1024 * 1024;
/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const GZIP_FROM_BYTES = 8 * 1024;
const gzipAsync = promisify(gzip);
const caches = perDatabase(() => new Map<string, VersionedCache<JsonAnswer>>());

/** A JSON answer as UTF-8 bytes, with its gzip form made on first demand. */
export class JsonAnswer {
  #gzipped?: Promise<Uint8Array<ArrayBuffer>>;

  constructor(readonly bytes: Uint8Array<ArrayBuffer>) {}

  static of(value: unknown): JsonAnswer {
    return new JsonAnswer(new TextEncoder().encode(JSON.stringify(value)));
  }

  /** Worth compressing: large enough that gzip pays for itself. */
  get compressible(): boolean {
    return this.bytes.length >= GZIP_FROM_BYTES;
  }

  gzipped(): Promise<Uint8Array<ArrayBuffer>> {
    this.#gzipped ??= gzipAsync(this.bytes).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength) as Uint8Array<ArrayBuffer>);
    return this.#gzipped;
  }
}

export function cachedJson(db: Db, kind: string, key: unknown[], version: string, compute: () => unknown): Promise<JsonAnswer> {
  const byKind = caches(db);
  let cache = byKind.get(kind);
  if (!cache) byKind.set(kind, (cache = new VersionedCache<JsonAnswer>({ maxEntries: ENTRIES_PER_KIND, maxBytes: BYTES_PER_KIND, sizeOf: (a) => a.bytes.length * 1.3 })));
  return cache.get(JSON.stringify(key), version, async () => JsonAnswer.of(await compute()));
}
