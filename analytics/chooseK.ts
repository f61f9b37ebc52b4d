/** Choosing the number of clusters k by the mean silhouette of seeded k-means. */
import { kmeans } from './kmeans';
import { selectRows, type Matrix } from './matrix';
import { createRandom } from './random';
import { silhouette } from './silhouette';

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** Rows used to score silhouettes (seeded subsample above this; default 5000). */
  maxRows?: number;
}

/**
 * Pick k by the mean silhouette of seeded k-means (k-means++) over [kMin, kMax]; ties → smaller k.
 * Above `maxRows` rows the silhouette is scored on a seeded subsample.
 * @example chooseK(m, { kMin: 2, kMax: 6, seed: 1 }) // { k: 3, scores: [{ k: 2, silhouette: 0.41 }, ...] }
 */
export function chooseK(m: Matrix, opts: ChooseKOptions = {}): { k: number; scores: { k: number; silhouette: number }[] } {
  const kMin = opts.kMin ?? 2, kMax = opts.kMax ?? Math.min(10, m.rows - 1), seed = opts.seed ?? 0;
  if (!Number.isInteger(kMin) || kMin < 2) throw new RangeError(`kMin=${kMin} must be an integer >= 2`);
  if (!Number.isInteger(kMax) || kMax < kMin) throw new RangeError(`kMax=${kMax} must be an integer >= kMin=${kMin}`);
  if (kMax > m.rows - 1) throw new RangeError(`kMax=${kMax} must be <= rows-1=${m.rows - 1}`);
  const maxRows = opts.maxRows ?? 5000;
  const sampleIdx = m.rows > maxRows ? Array.from(createRandom(seed).sample(m.rows, maxRows)).sort((a, b) => a - b) : null;
  const scored = sampleIdx ? selectRows(m, sampleIdx) : m;
  const scores: { k: number; silhouette: number }[] = [];
  let best = kMin, bestS = -Infinity;
  for (let k = kMin; k <= kMax; k++) {
    const { labels } = kmeans(m, { k, seed });
    const lab = sampleIdx ? Int32Array.from(sampleIdx, (i) => labels[i]) : labels;
    let s: number;
    try { s = silhouette(scored, lab).mean; } catch { s = -1; }
    scores.push({ k, silhouette: s });
    if (s > bestS) { bestS = s; best = k; }
  }
  return { k: best, scores };
}
