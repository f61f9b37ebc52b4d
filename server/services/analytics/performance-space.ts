/**
 * The performance space of a round: indicator scores 0-100 per city, area and overall scores with
 * the round's weights, built in full or refreshed for only the cities whose answers changed
 * (a copy: a refresh never alters a space other requests may be reading).
 *
 * @example
 * const model = performanceModel(framework, round.weightSetId);
 * const space = buildPerformance(model, answers, rowOf);
 * const next = refreshPerformance(model, space, new Map([[row, newAnswers]]));
 */
import { matrix, type Matrix } from '../../../analytics';
import { scoreAnswer, scoreCity, type IndicatorDef } from '../../../analytics/scores';
import type { findFramework } from '../../../db/queries/frameworks';

export interface PerformanceSpace {
  indicators: { id: number; code: string; areaCode: string; areaName: string; statement: string }[];
  areas: { code: string; name: string }[];
  /** Indicator scores 0-100, NaN = not answered. */
  matrix: Matrix;
  /** Area scores 0-100 (NaN below the answered-share rule) and overall score per city. */
  areaMatrix: Matrix;
  overall: Float64Array;
  answered: Int32Array;
  /** 1 where the city has answers that count in this round (in a validated or published round: validated or published ones). */
  counted: Uint8Array;
  weightsVersion: string;
  /** The weights that produce `areaMatrix` and `overall`: indicator id → weight, area code → weight. */
  weights: { indicator: Record<string, number>; area: Record<string, number> };
  minAnsweredShare: number;
}

type Framework = NonNullable<Awaited<ReturnType<typeof findFramework>>>;
/** What scoring needs besides the answers: indicator definitions, weights and the answered-share rule. */
export interface PerformanceModel {
  indicators: PerformanceSpace['indicators'];
  areas: PerformanceSpace['areas'];
  defs: IndicatorDef[];
  column: Map<number, number>;
  weights: { version: string; indicator: Record<string, number>; area: Record<string, number> };
  minAnsweredShare: number;
}
/** One answer: indicator id and value (null = not answered). */
export type Answer = { indicatorId: number; value: number | null };

export function performanceModel(framework: Framework, weightSetId: number | null): PerformanceModel {
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
  return {
    indicators: indicators.map((i) => ({ id: i.id, code: i.code, areaCode: i.areaCode, areaName: i.areaName, statement: i.statement })),
    areas: framework.areas.map((a) => ({ code: a.code, name: a.name })),
    defs,
    column: new Map(indicators.map((ind, j) => [ind.id, j])),
    weights,
    minAnsweredShare: weightSet?.minAnsweredShare ?? 0.5,
  };
}

/** Every city's scores from a round's answers (cities without answers score NaN). */
export function buildPerformance(model: PerformanceModel, answers: (Answer & { cityId: number })[], rowOf: Map<number, number>): PerformanceSpace {
  const n = rowOf.size, d = model.defs.length, a = model.areas.length;
  const space: PerformanceSpace = {
    indicators: model.indicators,
    areas: model.areas,
    matrix: matrix(n, d, new Float64Array(n * d)),
    areaMatrix: matrix(n, a, new Float64Array(n * a)),
    overall: new Float64Array(n),
    answered: new Int32Array(n),
    counted: new Uint8Array(n),
    weightsVersion: model.weights.version,
    weights: { indicator: model.weights.indicator, area: model.weights.area },
    minAnsweredShare: model.minAnsweredShare,
  };
  const byRow: Answer[][] = Array.from({ length: n }, () => []);
  for (const x of answers) {
    const i = rowOf.get(x.cityId);
    if (i !== undefined) byRow[i].push(x);
  }
  for (let i = 0; i < n; i++) scoreRow(model, space, i, byRow[i]);
  return space;
}

/** A copy of `space` with the given rows rescored from their new answers (empty = no counted answers). */
export function refreshPerformance(model: PerformanceModel, space: PerformanceSpace, rows: Map<number, Answer[]>): PerformanceSpace {
  const next: PerformanceSpace = {
    ...space,
    matrix: matrix(space.matrix.rows, space.matrix.cols, space.matrix.data.slice()),
    areaMatrix: matrix(space.areaMatrix.rows, space.areaMatrix.cols, space.areaMatrix.data.slice()),
    overall: space.overall.slice(),
    answered: space.answered.slice(),
    counted: space.counted.slice(),
  };
  for (const [i, answers] of rows) scoreRow(model, next, i, answers);
  return next;
}

function scoreRow(model: PerformanceModel, space: PerformanceSpace, i: number, answers: Answer[]) {
  const { defs, areas } = model;
  const d = defs.length;
  const raw: (number | null)[] = new Array(d).fill(null);
  for (const x of answers) {
    const j = model.column.get(x.indicatorId);
    if (j !== undefined) raw[j] = x.value;
  }
  for (let j = 0; j < d; j++) space.matrix.data[i * d + j] = scoreAnswer(defs[j], raw[j]);
  const s = scoreCity(defs, Object.fromEntries(defs.map((def, j) => [def.id, raw[j]])), model.weights, { minAnsweredShare: model.minAnsweredShare });
  areas.forEach((a, k) => (space.areaMatrix.data[i * areas.length + k] = s.areas[a.code]?.score ?? NaN));
  space.overall[i] = s.overall.score;
  space.answered[i] = raw.filter((v) => v !== null).length;
  space.counted[i] = answers.length > 0 ? 1 : 0;
}

/** Weight sets are keyed by indicator code; the scorer keys by indicator id. */
function remap(byCode: Record<string, number>, indicators: { id: number; code: string; weight: number }[]) {
  return Object.fromEntries(indicators.map((i) => [String(i.id), byCode[i.code] ?? i.weight]));
}
