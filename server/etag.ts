/**
 * Optimistic concurrency with ETag / If-Match: reads send the record's version as an ETag,
 * writes must send it back; a missing header answers 428, a stale one 412.
 *
 * @example
 * c.header('ETag', etag('submission', 7, 3)); // "submission-7-v3"
 * const version = expectedVersion(c.req.header('if-match'), 'submission', 7); // 3
 */
import { ProblemError } from './errors';

export function etag(kind: string, id: number, version: number): string {
  return `"${kind}-${id}-v${version}"`;
}

/** The version the client last saw, from its If-Match header. */
export function expectedVersion(ifMatch: string | undefined, kind: string, id: number): number {
  if (!ifMatch) {
    throw new ProblemError(428, 'precondition-required', 'Precondition required', `Send If-Match with the ETag of the ${kind} you last read`);
  }
  const match = /^"([a-z-]+)-(\d+)-v(\d+)"$/.exec(ifMatch.trim().replace(/^W\//, ''));
  if (!match || match[1] !== kind || Number(match[2]) !== id) {
    throw stale(kind, id, `If-Match ${ifMatch} does not name ${kind} ${id}`);
  }
  return Number(match[3]);
}

export function stale(kind: string, id: number, detail = `The ${kind} ${id} was changed by someone else since you read it; reload and merge`) {
  return new ProblemError(412, 'stale-version', 'Precondition failed', detail);
}
