/**
 * Peer ranking in the browser: the round's context matrix (raw, as the server compares it) with
 * the server's Gower ranges and column weights, re-weighted per context factor and re-ranked with
 * the pure analytics code (`peerQuery`, `explainPair`) on every slider move — no round trip.
 *
 * @example
 * const r = new PeerRanker(matrix, categories);  r.rank(rowIndex, { migrant_population: 2 }, 10)
 */
import { explainPair, peerQuery, type PairContribution } from '../../../../analytics/neighbors';
import type { VariableKind, VariableSpec } from '../../../../analytics/distance';
import { fromRows, row, type Matrix } from '../../../../analytics/matrix';
import type { RoundMatrix } from '../api';

export interface RankedPeer {
  index: number;
  cityId: number;
  name: string;
  countryCode: string;
  similarity: number;
  distance: number;
  used: number;
  /** Weighted share of the distance per context-factor category (sums to `distance`). */
  byCategory: Record<string, number>;
  items: PairContribution[];
}

export class PeerRanker {
  readonly m: Matrix;
  readonly specs: VariableSpec[];
  readonly ranges: Float64Array;
  readonly base: Float64Array;
  readonly names: string[];

  constructor(readonly data: Pick<RoundMatrix, 'rows' | 'columns' | 'values' | 'gowerRanges'>, readonly categories: string[]) {
    this.m = fromRows(data.values);
    this.specs = data.columns.map((c) => ({ kind: c.kind as VariableKind }));
    this.ranges = Float64Array.from(data.gowerRanges ?? data.columns.map(() => 1), (r) => r ?? 0);
    this.base = Float64Array.from(data.columns, (c) => c.weight);
    this.names = data.columns.map((c) => c.code);
  }

  weights(byCategory: Record<string, number>): Float64Array {
    return this.base.map((w, j) => w * (byCategory[this.categories[j]] ?? 1));
  }

  /** The k most similar rows to `query` among candidates; similarity = 1 − d / farthest candidate. */
  rank(query: number, byCategory: Record<string, number>, k: number, candidate?: (i: number) => boolean): { peers: RankedPeer[]; candidates: number } {
    const w = this.weights(byCategory);
    if (w.every((x) => x === 0)) return { peers: [], candidates: 0 };
    const res = peerQuery(this.m, query, { k, metric: 'gower', specs: this.specs, weights: w, ranges: this.ranges, candidates: candidate });
    const me = row(this.m, query);
    const peers = res.neighbors.map((nb) => {
      const why = explainPair(me, row(this.m, nb.index), this.specs, this.ranges, w, this.names, 3);
      const byCat: Record<string, number> = {};
      for (const it of why.items) byCat[this.categories[it.index]] = (byCat[this.categories[it.index]] ?? 0) + it.contribution;
      const r = this.data.rows[nb.index];
      const similarity = res.farthest > 0 ? Math.max(0, 1 - nb.distance / res.farthest) : 1;
      return { index: nb.index, cityId: r.cityId, name: r.name, countryCode: r.countryCode, similarity, distance: nb.distance, used: nb.used, byCategory: byCat, items: why.items };
    });
    return { peers, candidates: res.candidates };
  }
}
