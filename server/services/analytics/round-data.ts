/**
 * A round's data as matrices, ready for the analytics: one row per city, in two spaces kept apart.
 * - context space: the context variables (what a city does not control) → who is comparable;
 * - performance space: indicator scores 0-100 (% of the best answer) → who is ahead.
 * Loaded once per data version and cached, since every analytics endpoint starts here.
 *
 * @example
 * const data = await loadRoundData(db, 3);
 * data.context.matrix.rows === data.cities.length; // NaN where a value is missing
 */
import { fitGowerRanges, matrix, type Matrix, type VariableSpec } from '../../../analytics';
import { scoreAnswer, scoreCity, type IndicatorDef } from '../../../analytics/scores';
import type { Db } from '../../../db/client';
import { allContextValues, contextCatalogue, roundAnswers, roundCities, roundDataVersion } from '../../../db/queries/analytics';
import { findFramework } from '../../../db/queries/frameworks';
import { findRound } from '../../../db/queries/rounds';
import type { ContextVariable } from '../../../db/schema';
import { notFound } from '../../errors';

export interface RoundCity {
  id: number;
  name: string;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  population: number | null;
  languages: string[];
  /** Whether the city has a submission in this round. */
  submitted: boolean;
}

export interface ContextSpace {
  variables: ContextVariable[];
  specs: VariableSpec[];
  /** Values as compared: categorical → level index, boolean → 0/1, `log` variables → ln(1 + x). */
  matrix: Matrix;
  ranges: Float64Array;
  /** Which cells are generated demo values. */
  demo: Uint8Array;
  /** The year each value was taken from (0 when missing). */
  years: Int32Array;
}

export interface PerformanceSpace {
  indicators: { id: number; code: string; areaCode: string; areaName: string; statement: string }[];
  areas: { code: string; name: string }[];
  /** Indicator scores 0-100, NaN = not answered. */
  matrix: Matrix;
  /** Area scores 0-100 (NaN below the answered-share rule) and overall score per city. */
  areaMatrix: Matrix;
  overall: Float64Array;
  answered: Int32Array;
  weightsVersion: string;
  /** The weights that produce `areaMatrix` and `overall`: indicator id → weight, area code → weight. */
  weights: { indicator: Record<string, number>; area: Record<string, number> };
  minAnsweredShare: number;
}

/** What context-only analyses (peers) need: no answers, so score edits never invalidate it. */
export interface RoundContext {
  round: { id: number; networkId: number; frameworkId: number; year: number; name: string; status: string; demo: boolean; weightSetId: number | null };
  /** Changes with context data, the set of submissions, or the round itself. */
  version: string;
  cities: Omit<RoundCity, 'submitted'>[];
  rowOf: Map<number, number>;
  context: ContextSpace;
}

export interface RoundData extends Omit<RoundContext, 'cities'> {
  cities: RoundCity[];
  performance: PerformanceSpace;
}

type Cached<T> = { version: string; data: Promise<T> };
const contextCache = new Map<number, Cached<RoundContext>>();
const dataCache = new Map<number, Cached<RoundData>>();

/** Memoises one promise per round and version; a failed load is forgotten. */
function memo<T>(cache: Map<number, Cached<T>>, roundId: number, version: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(roundId);
  if (hit?.version === version) return hit.data;
  const data = load();
  cache.set(roundId, { version, data });
  data.catch(() => cache.delete(roundId));
  return data;
}

async function versions(db: Db, roundId: number) {
  const v = await roundDataVersion(db, roundId);
  if (Number.isNaN(v.round)) throw notFound('round', roundId);
  return { context: `${v.context}.${v.roster}.${v.round}`, all: `${v.context}.${v.roster}.${v.round}.${v.answers}` };
}

/** The round's cities and context matrix, rebuilt only when context data or the roster change. */
export async function loadRoundContext(db: Db, roundId: number): Promise<RoundContext> {
  const v = await versions(db, roundId);
  return memo(contextCache, roundId, v.context, () => buildRoundContext(db, roundId, v.context));
}

/** Context plus performance (scores), rebuilt when answers change too. */
export async function loadRoundData(db: Db, roundId: number): Promise<RoundData> {
  const v = await versions(db, roundId);
  return memo(dataCache, roundId, v.all, async () => {
    const base = await memo(contextCache, roundId, v.context, () => buildRoundContext(db, roundId, v.context));
    const [answers, framework] = await Promise.all([roundAnswers(db, roundId, base.round.status), findFramework(db, base.round.frameworkId)]);
    if (!framework) throw notFound('framework', base.round.frameworkId);
    const submittedIds = new Set(answers.map((a) => a.cityId));
    return {
      ...base,
      version: v.all,
      cities: base.cities.map((c) => ({ ...c, submitted: submittedIds.has(c.id) })),
      performance: buildPerformance(framework, base.round.weightSetId, answers, base.rowOf),
    };
  });
}

async function buildRoundContext(db: Db, roundId: number, version: string): Promise<RoundContext> {
  const found = await findRound(db, roundId);
  if (!found) throw notFound('round', roundId);
  const r = found.round;
  const [cities, values, variables] = await Promise.all([roundCities(db, r.id, r.networkId), allContextValues(db), contextCatalogue(db)]);
  const rowOf = new Map(cities.map((c, i) => [c.id, i]));
  return {
    round: { id: r.id, networkId: r.networkId, frameworkId: r.frameworkId, year: r.year, name: r.name, status: r.status, demo: r.demo, weightSetId: r.weightSetId },
    version,
    cities,
    rowOf,
    context: buildContext(variables, values, rowOf, r.year),
  };
}

/** Latest value per city × variable up to the round's year (or the earliest later one when none is older). */
function buildContext(variables: ContextVariable[], values: Awaited<ReturnType<typeof allContextValues>>, rowOf: Map<number, number>, year: number): ContextSpace {
  const n = rowOf.size, d = variables.length;
  const col = new Map(variables.map((v, j) => [v.id, j]));
  const m = matrix(n, d, new Float64Array(n * d).fill(NaN));
  const years = new Int32Array(n * d);
  const demo = new Uint8Array(n * d);
  for (const v of values) {
    const i = rowOf.get(v.cityId), j = col.get(v.variableId);
    if (i === undefined || j === undefined) continue;
    const at = i * d + j;
    if (!better(v.year, years[at], year)) continue;
    const encoded = encode(variables[j], v.valueNum, v.valueText);
    if (Number.isNaN(encoded)) continue;
    m.data[at] = encoded;
    years[at] = v.year;
    demo[at] = v.demo ? 1 : 0;
  }
  const specs: VariableSpec[] = variables.map((v) => ({ kind: v.type, weight: v.defaultWeight }));
  return { variables, specs, matrix: m, ranges: fitGowerRanges(m, specs), demo, years };
}

/** Prefer the newest year not after the round; otherwise the oldest year after it. */
function better(candidate: number, current: number, roundYear: number): boolean {
  if (current === 0) return true;
  const okC = candidate <= roundYear, okCur = current <= roundYear;
  if (okC !== okCur) return okC;
  return okC ? candidate > current : candidate < current;
}

function encode(v: ContextVariable, num: number | null, text: string | null): number {
  if (v.type === 'categorical') {
    const idx = v.levels.findIndex((l) => l.label === text);
    return idx >= 0 ? idx : NaN;
  }
  if (num === null) return NaN;
  return v.transform === 'log' ? Math.log1p(Math.max(0, num)) : num;
}

type FrameworkWithAreas = NonNullable<Awaited<ReturnType<typeof findFramework>>>;

function buildPerformance(framework: FrameworkWithAreas, weightSetId: number | null, answers: Awaited<ReturnType<typeof roundAnswers>>, rowOf: Map<number, number>): PerformanceSpace {
  const areas = framework.areas.map((a) => ({ code: a.code, name: a.name }));
  const indicators = framework.areas.flatMap((a) => a.indicators.map((i) => ({ ...i, areaCode: a.code, areaName: a.name })));
  const defs: IndicatorDef[] = indicators.map((i) => ({
    id: String(i.id),
    area: i.areaCode,
    direction: i.direction,
    scale:
      i.scale === 'ordinal'
        ? { kind: 'ordinal', levels: Math.max(1, i.levels.length - 1) }
        : i.scale === 'number'
          ? { kind: 'number', min: i.minValue ?? 0, max: i.maxValue ?? 100 }
          : { kind: i.scale },
  }));
  const weightSet = framework.weightSets.find((w) => w.id === weightSetId) ?? framework.weightSets[0];
  const weights = weightSet
    ? { version: weightSet.version, indicator: remap(weightSet.indicatorWeights, indicators), area: weightSet.areaWeights }
    : { version: 'framework-defaults', indicator: Object.fromEntries(indicators.map((i) => [String(i.id), i.weight])), area: Object.fromEntries(framework.areas.map((a) => [a.code, a.weight])) };
  const minAnsweredShare = weightSet?.minAnsweredShare ?? 0.5;

  const n = rowOf.size, d = indicators.length;
  const col = new Map(indicators.map((ind, j) => [ind.id, j]));
  const raw: (number | null)[][] = Array.from({ length: n }, () => new Array(d).fill(null));
  for (const a of answers) {
    const i = rowOf.get(a.cityId), j = col.get(a.indicatorId);
    if (i !== undefined && j !== undefined) raw[i][j] = a.value;
  }
  const m = matrix(n, d, new Float64Array(n * d));
  const areaMatrix = matrix(n, areas.length, new Float64Array(n * areas.length));
  const overall = new Float64Array(n);
  const answered = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) m.data[i * d + j] = scoreAnswer(defs[j], raw[i][j]);
    const s = scoreCity(defs, Object.fromEntries(defs.map((def, j) => [def.id, raw[i][j]])), weights, { minAnsweredShare });
    areas.forEach((a, k) => (areaMatrix.data[i * areas.length + k] = s.areas[a.code]?.score ?? NaN));
    overall[i] = s.overall.score;
    answered[i] = raw[i].filter((v) => v !== null).length;
  }
  return {
    indicators: indicators.map((i) => ({ id: i.id, code: i.code, areaCode: i.areaCode, areaName: i.areaName, statement: i.statement })),
    areas,
    matrix: m,
    areaMatrix,
    overall,
    answered,
    weightsVersion: weights.version,
    weights: { indicator: weights.indicator, area: weights.area },
    minAnsweredShare,
  };
}

/** Weight sets are keyed by indicator code; the scorer keys by indicator id. */
function remap(byCode: Record<string, number>, indicators: { id: number; code: string; weight: number }[]) {
  return Object.fromEntries(indicators.map((i) => [String(i.id), byCode[i.code] ?? i.weight]));
}
