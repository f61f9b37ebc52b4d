/**
 * A 2-D map of a round's cities by PCA, in context or performance space, with the explained
 * variance and each variable's loading so the axes can be read.
 *
 * @example
 * await roundProjection(db, 3, { space: 'context' });
 */
import { fitPca, pcaTransform } from '../../../analytics';
import type { Access } from '../../auth/access';
import { conflict } from '../../errors';
import { describe } from './meta';
import { visibleRoundData } from './city-round';
import { spaceMatrix, type Space } from './spaces';

export async function roundProjection(access: Access, roundId: number, q: { space: Space }) {
  const data = await visibleRoundData(access, roundId, q.space === 'context' ? 'meta' : 'full');
  const prepared = spaceMatrix(data, q.space, 'zscore');
  if (prepared.matrix.rows < 3) throw conflict(`Round ${roundId} has too few cities with data for a projection`);
  const model = fitPca(prepared.matrix, { components: 2 });
  const scores = pcaTransform(model, prepared.matrix);
  return {
    points: prepared.rows.map((r, i) => ({ cityId: data.cities[r].id, name: data.cities[r].name, countryCode: data.cities[r].countryCode, population: data.cities[r].population, x: scores.data[i * 2], y: scores.data[i * 2 + 1] })),
    explainedVarianceRatio: model.explainedVarianceRatio,
    loadings: prepared.columns.map((c, j) => ({ code: c.code, name: c.name, pc1: model.components.data[j], pc2: model.components.data[prepared.columns.length + j] })),
    meta: describe(data, { space: q.space, method: 'pca', parameters: { components: 2, normalisation: 'zscore (ordinal as rank), missing → column mean' } }),
  };
}
