/**
 * A round's matrix in either space, raw or normalised, with the fitted normaliser (plain JSON) so
 * the same transformation can be applied to any other row, and the Gower ranges and specs the
 * browser needs to re-rank peers without a round trip.
 *
 * @example
 * const text = await roundMatrixJson(access, 3, { space: 'context', method: 'robust' });
 */
import type { NormalizeMethod } from '../../../analytics';
import type { Access } from '../../auth/access';
import { nullable } from './decode';
import { describe } from './meta';
import { visibleSpaceData } from './city-round';
import type { RoundContext, RoundData } from './round-data';
import { cachedJson, type JsonAnswer } from '../../cache/answers';
import { spaceMatrix, type Space } from './spaces';

/** The answer serialised, computed once per data version (see server/cache/answers.ts). */
export async function roundMatrixJson(access: Access, roundId: number, q: { space: Space; method: NormalizeMethod | 'none' }): Promise<JsonAnswer> {
  const data = await visibleSpaceData(access, roundId, q.space);
  return cachedJson(access.db, 'matrix', [roundId, q.space, q.method], data.version, () => roundMatrixOf(data, q));
}

function roundMatrixOf(data: RoundContext | RoundData, q: { space: Space; method: NormalizeMethod | 'none' }) {
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
