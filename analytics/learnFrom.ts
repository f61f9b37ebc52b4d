/**
 * "Learn from": for a city's weakest indicators (or areas), the cities with a similar
 * context that score clearly higher, ranked by similarity × lead.
 */

export interface LearnFromInput<E = unknown> {
  /** row of `scores` being helped */
  city: number;
  /** column ids of `scores` */
  itemIds: string[];
  /** scores[city][item], 0-100, NaN = missing */
  scores: number[][];
  /** context similarity of every city to `city`, 0-1 (NaN or missing = not comparable) */
  similarity: number[];
  /** caller-supplied evidence (ids, text, ...) for a teacher on an item; passed through untouched */
  evidence?: (city: number, itemId: string) => E | undefined;
}

export interface LearnFromOptions {
  /** how many weak items to return; default 3 */
  weakCount?: number;
  /** a teacher must lead by at least this many points; default 15 */
  minLead?: number;
  /** ignore cities less similar than this; default 0 */
  minSimilarity?: number;
  /** teachers per item; default 5 */
  maxTeachers?: number;
}

export interface Teacher<E = unknown> {
  city: number;
  similarity: number;
  /** teacher score - city score, in points */
  lead: number;
  score: number;
  /** similarity × lead */
  rank: number;
  evidence?: E;
}

export interface WeakItem<E = unknown> {
  item: string;
  score: number;
  teachers: Teacher<E>[];
}

/**
 * The city's `weakCount` lowest-scored (answered) items, each with its ranked teachers.
 * Ties: lower score first, then item order; teachers by rank, then similarity, then city index.
 * @example
 * learnFrom({ city: 0, itemIds: ['k1', 'k2'], scores: [[20, 90], [80, 95], [40, 10]], similarity: [1, 0.5, 0.9] },
 *   { weakCount: 1 })
 * // → [{ item: 'k1', score: 20, teachers: [
 * //      { city: 1, similarity: 0.5, lead: 60, score: 80, rank: 30 },
 * //      { city: 2, similarity: 0.9, lead: 20, score: 40, rank: 18 }] }]
 */
export function learnFrom<E = unknown>(input: LearnFromInput<E>, options: LearnFromOptions = {}): WeakItem<E>[] {
  const { city, itemIds, scores, similarity, evidence } = input;
  const weakCount = options.weakCount ?? 3;
  const minLead = options.minLead ?? 15;
  const minSimilarity = options.minSimilarity ?? 0;
  const maxTeachers = options.maxTeachers ?? 5;
  const n = scores.length;
  if (!Number.isInteger(city) || city < 0 || city >= n) throw new Error(`city=${city} must be a row in 0..${n - 1}`);
  if (similarity.length !== n) throw new Error(`similarity has ${similarity.length} values; must equal cities=${n}`);
  if (!Number.isInteger(weakCount) || weakCount < 0) throw new Error(`weakCount=${weakCount} must be an integer >= 0`);
  if (!Number.isInteger(maxTeachers) || maxTeachers < 0) throw new Error(`maxTeachers=${maxTeachers} must be an integer >= 0`);
  similarity.forEach((s, i) => {
    if (!Number.isNaN(s) && !(s >= 0 && s <= 1)) throw new Error(`similarity of city ${i}=${s} must be within 0..1`);
  });
  scores.forEach((r, i) => {
    if (r.length !== itemIds.length) throw new Error(`scores row ${i} has ${r.length} values; must equal itemIds=${itemIds.length}`);
  });

  const weak = itemIds
    .map((item, j) => ({ item, j, score: scores[city][j] }))
    .filter((x) => !Number.isNaN(x.score))
    .sort((a, b) => a.score - b.score || a.j - b.j)
    .slice(0, weakCount);

  return weak.map(({ item, j, score }) => {
    const teachers: Teacher<E>[] = [];
    for (let c = 0; c < n; c++) {
      if (c === city) continue;
      const sim = similarity[c];
      const s = scores[c][j];
      if (Number.isNaN(sim) || Number.isNaN(s) || sim < minSimilarity) continue;
      const lead = s - score;
      if (lead < minLead) continue;
      const t: Teacher<E> = { city: c, similarity: sim, lead, score: s, rank: sim * lead };
      const ev = evidence?.(c, item);
      if (ev !== undefined) t.evidence = ev;
      teachers.push(t);
    }
    teachers.sort((a, b) => b.rank - a.rank || b.similarity - a.similarity || a.city - b.city);
    return { item, score, teachers: teachers.slice(0, maxTeachers) };
  });
}
