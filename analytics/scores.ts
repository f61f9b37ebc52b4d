/**
 * Indicator answers → 0-100 scores ("% of the best possible answer"), and area / overall
 * scores as weighted means under explicit, versioned weights.
 *
 * Missing answers never become 0: a missing answer is left out of the mean, and an area
 * (or the overall score) is NaN unless enough of its weight was answered.
 */

export type Direction = 'higher_better' | 'lower_better';

export type Scale =
  | { kind: 'ordinal'; /** highest level L; answers are integers 0..L */ levels: number }
  | { kind: 'yes_no' }
  | { kind: 'percentage' }
  | { kind: 'number'; min: number; max: number };

export interface IndicatorDef {
  id: string;
  /** area (e.g. key factor) the indicator belongs to */
  area: string;
  scale: Scale;
  direction?: Direction;
}

/** null / undefined / NaN / '' mean "not answered" */
export type Answer = number | boolean | null | undefined | '';

export interface ScoreWeights {
  version: string;
  indicator: Record<string, number>;
  area: Record<string, number>;
}

export interface ScoreOptions {
  /** share of an area's indicator weight (or of the total area weight, for overall) that must be answered; default 0.5 */
  minAnsweredShare?: number;
}

export interface AreaScore {
  /** 0-100, NaN when too little was answered */
  score: number;
  /** answers used */
  answered: number;
  /** answered indicator weight / total indicator weight of the area */
  answeredShare: number;
}

export interface CityScores {
  weightsVersion: string;
  indicators: Record<string, number>;
  areas: Record<string, AreaScore>;
  overall: AreaScore;
}

function isMissing(v: Answer): v is null | undefined | '' {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * One answer → 0-100 (NaN when missing).
 * @example
 * scoreAnswer({ id: 'q1', area: 'A', scale: { kind: 'ordinal', levels: 4 } }, 3) // 75
 * scoreAnswer({ id: 'q2', area: 'A', scale: { kind: 'number', min: 0, max: 20 }, direction: 'lower_better' }, 5) // 75
 */
export function scoreAnswer(def: IndicatorDef, value: Answer): number {
  if (isMissing(value)) return NaN;
  const where = `indicator "${def.id}"`;
  let pct: number;
  const s = def.scale;
  switch (s.kind) {
    case 'ordinal': {
      if (!Number.isInteger(s.levels) || s.levels < 1) throw new Error(`${where}: ordinal levels=${s.levels} must be an integer >= 1`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > s.levels) {
        throw new Error(`${where}: ordinal answer=${String(value)} must be an integer in 0..${s.levels}`);
      }
      pct = (value / s.levels) * 100;
      break;
    }
    case 'yes_no': {
      if (value === true || value === 1) pct = 100;
      else if (value === false || value === 0) pct = 0;
      else throw new Error(`${where}: yes_no answer=${String(value)} must be true/false or 1/0`);
      break;
    }
    case 'percentage': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: percentage answer=${String(value)} must be a finite number`);
      pct = Math.min(100, Math.max(0, value));
      break;
    }
    case 'number': {
      if (!(Number.isFinite(s.min) && Number.isFinite(s.max) && s.max > s.min)) {
        throw new Error(`${where}: number scale min=${s.min} must be < max=${s.max}`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: number answer=${String(value)} must be a finite number`);
      pct = Math.min(100, Math.max(0, ((value - s.min) / (s.max - s.min)) * 100));
      break;
    }
    default:
      throw new Error(`${where}: unknown scale kind "${(s as { kind: string }).kind}"`);
  }
  return (def.direction ?? 'higher_better') === 'lower_better' ? 100 - pct : pct;
}

function weightOf(table: Record<string, number>, id: string, what: string, version: string): number {
  const w = table[id];
  if (w === undefined) throw new Error(`weights version "${version}" has no weight for ${what} "${id}"`);
  if (!Number.isFinite(w) || w < 0) throw new Error(`weights version "${version}": ${what} "${id}" weight=${w} must be a finite number >= 0`);
  return w;
}

/**
 * Weighted mean over the answered part, NaN when answered weight share < minShare.
 * Items with NaN value are skipped (missing, never 0).
 */
function partialMean(items: { value: number; weight: number; count: number }[], minShare: number): AreaScore {
  let total = 0, answeredW = 0, sum = 0, answered = 0;
  for (const it of items) {
    total += it.weight;
    if (Number.isNaN(it.value)) continue;
    answeredW += it.weight;
    sum += it.weight * it.value;
    answered += it.count;
  }
  const answeredShare = total > 0 ? answeredW / total : 0;
  const ok = total > 0 && answeredW > 0 && answeredShare >= minShare - 1e-12;
  return { score: ok ? sum / answeredW : NaN, answered: ok ? answered : 0, answeredShare };
}

/**
 * Scores a city's answers: each indicator 0-100, each area the weighted mean of its
 * answered indicators (NaN if < minAnsweredShare of its indicator weight answered), overall
 * the weighted mean of the present areas (NaN if < minAnsweredShare of the area weight present).
 * `answered` counts the answers actually used (0 when the score is NaN).
 * @example
 * const defs = [
 *   { id: 'a1', area: 'A', scale: { kind: 'yes_no' } },
 *   { id: 'a2', area: 'A', scale: { kind: 'ordinal', levels: 4 } },
 * ];
 * scoreCity(defs, { a1: true, a2: 2 }, { version: 'v1', indicator: { a1: 1, a2: 1 }, area: { A: 1 } })
 * // → areas.A = { score: 75, answered: 2, answeredShare: 1 }, overall.score = 75
 */
export function scoreCity(
  defs: IndicatorDef[],
  answers: Record<string, Answer>,
  weights: ScoreWeights,
  options: ScoreOptions = {},
): CityScores {
  const minShare = options.minAnsweredShare ?? 0.5;
  if (!(minShare >= 0 && minShare <= 1)) throw new Error(`minAnsweredShare=${minShare} must be within 0..1`);
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.id)) throw new Error(`indicator id "${d.id}" must be unique`);
    seen.add(d.id);
  }
  for (const id of Object.keys(answers)) if (!seen.has(id)) throw new Error(`answer for unknown indicator "${id}"`);

  const indicators: Record<string, number> = {};
  const byArea = new Map<string, { value: number; weight: number; count: number }[]>();
  for (const d of defs) {
    const value = scoreAnswer(d, answers[d.id]);
    indicators[d.id] = value;
    const list = byArea.get(d.area) ?? [];
    list.push({ value, weight: weightOf(weights.indicator, d.id, 'indicator', weights.version), count: 1 });
    byArea.set(d.area, list);
  }
  const areas: Record<string, AreaScore> = {};
  const areaItems: { value: number; weight: number; count: number }[] = [];
  for (const [area, items] of byArea) {
    areas[area] = partialMean(items, minShare);
    areaItems.push({ value: areas[area].score, weight: weightOf(weights.area, area, 'area', weights.version), count: areas[area].answered });
  }
  return { weightsVersion: weights.version, indicators, areas, overall: partialMean(areaItems, minShare) };
}
