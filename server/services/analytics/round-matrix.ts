/**
 * A round's matrix in either space, raw or normalised, with the fitted normaliser (plain JSON) so
 * the same transformation can be applied to any other row, and the Gower ranges and specs the
 * browser needs to re-rank peers without a round trip.
 *
 * @example
 * await roundMatrix(db, 3, { space: 'context', method: 'robust' });
 */
import type { NormalizeMethod } from '../../../analytics';
import type { Access } from '../../auth/access';
import { nullable } from './decode';
import { describe } from './meta';
import { visibleRoundData } from './city-round';
import { spaceMatrix, type Space } from './spaces';

export async function roundMatrix(access: Access, roundId: number, q: { space: Space; method: NormalizeMethod | 'none' }) {
  const data = await visibleRoundData(access, roundId, q.space === 'context' ? 'meta' : 'full');
  const p = spaceMatrix(data, q.space, q.method, { includeCategorical: q.method === 'none' });
  const d = p.matrix.cols;
  return {
    rows: p.rows.map((r) => ({ cityId: data.cities[r].id, name: data.cities[r].name, countryCode: data.cities[r].countryCode, population: data.cities[r].population, submitted: data.cities[r].submitted })),
    columns: p.columns.map((c, j) => ({ ...c, weight: p.specs[j].weight ?? 1 })),
    values: p.rows.map((_, i) => Array.from(p.matrix.data.subarray(i * d, (i + 1) * d), nullable)),
    gowerRanges: q.space === 'context' && q.method === 'none' ? Array.from(data.context.ranges, nullable) : null,
    model: p.model,
    meta: describe(data, { space: q.space, method: q.method === 'none' ? 'raw values as compared (log population)' : q.method, parameters: { method: q.method } }),
  };
}
