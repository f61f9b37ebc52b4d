/** The shape of a published round's frozen snapshot (see server/services/round-snapshot.ts). */
import type { buildSnapshot } from '../services/round-snapshot';

export type Snapshot = Awaited<ReturnType<typeof buildSnapshot>>;
export type SnapshotCity = Snapshot['cities'][number];

/** Scores of a snapshot as numbers (missing = NaN), for the report arithmetic. */
export const num = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);
