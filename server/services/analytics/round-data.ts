/**
 * A round's data as matrices, ready for the analytics: one row per city, in two spaces kept apart.
 * - context space: the context variables (what a city does not control) → who is comparable;
 * - performance space: indicator scores 0-100 (% of the best answer) → who is ahead.
 * Cached per database and keyed by the change counters: context data is rebuilt only when context,
 * the roster or rounds change; after score edits only the edited submissions' rows are rescored.
 *
 * @example
 * const data = await loadRoundData(db, 3);
 * data.context.matrix.rows === data.cities.length; // NaN where a value is missing
 */
import { fitGowerRanges, matrix, type Matrix, type VariableSpec } from '../../../analytics';
import type { Db } from '../../../db/client';
import { allContextValues, changedSubmissions, contextCatalogue, roundAnswers, roundCities, submissionAnswers } from '../../../db/queries/analytics';
import { findFramework } from '../../../db/queries/frameworks';
import { findRound } from '../../../db/queries/rounds';
import { readVersions, type DataVersions } from '../../../db/queries/versions';
import type { ContextVariable } from '../../../db/schema';
import { perDatabase, VersionedCache } from '../../cache/versioned-cache';
import { notFound } from '../../errors';
import { buildPerformance, performanceModel, refreshPerformance, type Answer, type PerformanceModel, type PerformanceSpace } from './performance-space';

export type { PerformanceSpace } from './performance-space';

export interface RoundCity {
  id: number;
  name: string;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  population: number | null;
  languages: string[];
  /** Context data: the city has a submission in this round; round data (with scores): it has answers that count. */
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

/** What context-only analyses (peers) need: no answers, so score edits never invalidate it. */
export interface RoundContext {
  round: { id: number; networkId: number; frameworkId: number; year: number; name: string; status: string; demo: boolean; weightSetId: number | null };
  /** Changes with context data, the set of submissions, or rounds. */
  version: string;
  cities: RoundCity[];
  rowOf: Map<number, number>;
  context: ContextSpace;
}

export interface RoundData extends RoundContext {
  performance: PerformanceSpace;
}

/** A cached round with what an incremental refresh needs. */
type Built = { data: RoundData; model: PerformanceModel; answers: number };

const ROUNDS_KEPT = 64;
const contextCache = perDatabase(() => new VersionedCache<RoundContext>({ maxEntries: ROUNDS_KEPT }));
const dataCache = perDatabase(() => new VersionedCache<Built>({ maxEntries: ROUNDS_KEPT }));
/** Above this share of changed cities a full rebuild is cheaper than rescoring rows one by one. */
const REFRESH_LIMIT = 0.25;

const contextVersion = (v: DataVersions) => `${v.context}.${v.roster}.${v.rounds}`;

/** The round's cities and context matrix, rebuilt only when context data, the roster or rounds change. */
export async function loadRoundContext(db: Db, roundId: number, versions?: DataVersions): Promise<RoundContext> {
  const cv = contextVersion(versions ?? (await readVersions(db)));
  return contextCache(db).get(String(roundId), cv, () => buildRoundContext(db, roundId, cv));
}

/** Context plus performance (scores); after score edits only the changed submissions are reloaded. */
export async function loadRoundData(db: Db, roundId: number, versions?: DataVersions): Promise<RoundData> {
  const v = versions ?? (await readVersions(db));
  const cache = dataCache(db);
  const key = String(roundId);
  const cv = contextVersion(v);
  const previous = cache.latest(key);
  const built = await cache.get(key, `${cv}|${v.answers}`, async () => {
    const base = await loadRoundContext(db, roundId, v);
    const prior = previous?.version.startsWith(`${cv}|`) ? await previous.value.catch(() => undefined) : undefined;
    if (prior && prior.answers >= v.answers) return prior; // another request already saw newer answers
    return (prior && (await refreshed(db, prior, cv, v.answers))) || (await buildRoundData(db, base, v.answers));
  });
  return built.data;
}

async function buildRoundData(db: Db, base: RoundContext, answersVersion: number): Promise<Built> {
  const [answers, framework] = await Promise.all([roundAnswers(db, base.round.id, base.round.status), findFramework(db, base.round.frameworkId)]);
  if (!framework) throw notFound('framework', base.round.frameworkId);
  const model = performanceModel(framework, base.round.weightSetId);
  const performance = buildPerformance(model, answers, base.rowOf);
  return { data: { ...base, version: `${base.version}.${answersVersion}`, cities: withCounted(base.cities, performance), performance }, model, answers: answersVersion };
}

/** The prior build with the submissions changed since it rescored, or undefined when a rebuild is better. */
async function refreshed(db: Db, prior: Built, cv: string, answersVersion: number): Promise<Built | undefined> {
  const { data } = prior;
  const changed = await changedSubmissions(db, data.round.id, prior.answers);
  if (changed.length > data.cities.length * REFRESH_LIMIT || changed.some((s) => !data.rowOf.has(s.cityId))) return undefined;
  const final = data.round.status === 'validated' || data.round.status === 'published';
  const counted = changed.filter((s) => !final || s.status === 'validated' || s.status === 'published');
  const answers = await submissionAnswers(db, counted.map((s) => s.id));
  const rows = new Map<number, Answer[]>(changed.map((s) => [data.rowOf.get(s.cityId)!, []]));
  const rowOfSubmission = new Map(counted.map((s) => [s.id, data.rowOf.get(s.cityId)!]));
  for (const a of answers) rows.get(rowOfSubmission.get(a.submissionId)!)!.push(a);
  const performance = rows.size === 0 ? data.performance : refreshPerformance(prior.model, data.performance, rows);
  const flipped = [...rows.keys()].some((i) => performance.counted[i] !== data.performance.counted[i]);
  return { data: { ...data, version: `${cv}.${answersVersion}`, cities: flipped ? withCounted(data.cities, performance) : data.cities, performance }, model: prior.model, answers: answersVersion };
}

/** With scores loaded, `submitted` means: has answers that count in this round. */
function withCounted(cities: RoundCity[], performance: PerformanceSpace): RoundCity[] {
  return cities.map((c, i) => ({ ...c, submitted: performance.counted[i] === 1 }));
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
