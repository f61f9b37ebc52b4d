/**
 * A 2-D map of a round's cities by PCA, in context or performance space, with the explained
 * variance and each variable's loading so the axes can be read.
 *
 * @example
 * const text = await roundProjectionJson(access, 3, { space: 'context' });
 */
import { fitPca, pcaTransform } from '../../../analytics';
import type { Access } from '../../auth/access';
import { conflict } from '../../errors';
import { describe } from './meta';
import { visibleSpaceData } from './city-round';
import type { RoundContext, RoundData } from './round-data';
import { cachedJson, type JsonAnswer } from '../../cache/answers';
import { spaceMatrix, type Space } from './spaces';

/** The answer serialised, computed once per data version (see server/cache/answers.ts). */
export async function roundProjectionJson(access: Access, roundId: number, q: { space: Space }): Promise<JsonAnswer> {
  const data = await visibleSpaceData(access, roundId, q.space);
  return cachedJson(access.db, 'projection', [roundId, q.space], data.version, () => roundProjectionOf(data, q));
}

function roundProjectionOf(data: RoundContext | RoundData, q: { space: Space }) {
  const prepared = spaceMatrix(data, q.space, 'zscore');
  if (prepared.matrix.rows < 3) throw conflict(`Round ${data.round.id} has too few cities with data for a projection`);
  const model = fitPca(prepared.matrix, { components: 2 });
  const scores = pcaTransform(model, prepared.matrix);
  return {
    points: prepared.rows.map((r, i) => ({ cityId: data.cities[r].id, name: data.cities[r].name, countryCode: data.cities[r].countryCode, population: data.cities[r].population, x: scores.data[i * 2], y: scores.data[i * 2 + 1] })),
    explainedVarianceRatio: model.explainedVarianceRatio,
    loadings: prepared.columns.map((c, j) => ({ code: c.code, name: c.name, pc1: model.components.data[j], pc2: model.components.data[prepared.columns.length + j] })),
    meta: describe(data, { space: q.space, method: 'pca', parameters: { components: 2, normalisation: 'zscore (ordinal as rank), missing → column mean' } }),
  };
}
