/**
 * Learn-from suggestions: for the city's weakest indicators (or areas), cities with a similar
 * context that score clearly higher there, ranked by similarity × lead, with the evidence they gave.
 *
 * @example
 * await cityLearnFrom(db, 12, { weak: 3, minLead: 15, minSimilarity: 0.5, level: 'indicator' });
 */
import { learnFrom } from '../../../analytics/learnFrom';
import type { Db } from '../../../db/client';
import { answerEvidence } from '../../../db/queries/analytics';
import type { Access } from '../../auth/access';
import { cityInRound } from './city-round';
import { parseWeights } from './context-weights';
import { describe } from './meta';
import { performanceRows, submittedRows, type Level } from './performance-rows';
import { similarityTo } from './similarity';

export interface LearnFromQuery {
  round?: number;
  weak: number;
  minLead: number;
  minSimilarity: number;
  teachers: number;
  level: Level;
  weights?: string;
}

export async function cityLearnFrom(access: Access, cityId: number, q: LearnFromQuery) {
  const db = access.db;
  const { data, row } = await cityInRound(access, cityId, q.round, 'full');
  const weights = parseWeights(q.weights, data.context.variables);
  const submitted = Uint8Array.from(data.cities, (c) => (c.submitted ? 1 : 0));
  const { similarity } = similarityTo(data, row, weights, submitted);
  const { ids, labels, rows } = performanceRows(data, q.level);
  const items = learnFrom(
    { city: row, itemIds: ids, scores: rows, similarity: Array.from(similarity) },
    { weakCount: q.weak, minLead: q.minLead, minSimilarity: q.minSimilarity, maxTeachers: q.teachers },
  );
  const evidence = q.level === 'indicator' ? await evidenceFor(db, data, items) : new Map();
  return {
    city: { id: cityId, name: data.cities[row].name, submitted: data.cities[row].submitted },
    level: q.level,
    items: items.map((item) => {
      const at = ids.indexOf(item.item);
      return {
        code: item.item,
        label: labels[at],
        score: item.score,
        teachers: item.teachers.map((t) => {
          const city = data.cities[t.city];
          return { cityId: city.id, name: city.name, countryCode: city.countryCode, similarity: t.similarity, score: t.score, lead: t.lead, rank: t.rank, evidence: evidence.get(`${city.id}:${item.item}`) ?? null };
        }),
      };
    }),
    comparedWith: submittedRows(data).length - 1,
    meta: describe(data, { space: 'performance', method: 'learn-from: context similarity × lead', parameters: { ...q, round: data.round.id } }),
  };
}

type Evidence = { text: string | null; documents: { documentType: string; title: string; url: string | null }[] };

async function evidenceFor(db: Db, data: Awaited<ReturnType<typeof cityInRound>>['data'], items: ReturnType<typeof learnFrom>) {
  const codeToId = new Map(data.performance.indicators.map((i) => [i.code, i.id]));
  const idToCode = new Map(data.performance.indicators.map((i) => [i.id, i.code]));
  const cityIds = [...new Set(items.flatMap((it) => it.teachers.map((t) => data.cities[t.city].id)))];
  const indicatorIds = items.map((it) => codeToId.get(it.item)!);
  const byKey = new Map<string, Evidence>();
  for (const r of await answerEvidence(db, data.round.id, cityIds, indicatorIds)) {
    const key = `${r.cityId}:${idToCode.get(r.indicatorId)}`;
    const entry = byKey.get(key) ?? { text: r.evidenceText, documents: [] };
    if (r.title) entry.documents.push({ documentType: r.documentType!, title: r.title, url: r.url });
    if (entry.text || entry.documents.length > 0) byKey.set(key, entry);
  }
  return byKey;
}
