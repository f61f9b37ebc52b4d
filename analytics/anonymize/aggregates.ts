/**
 * Aggregate tables: count, mean, median and band distribution of each measure (0-100
 * scores) by region × size band (with margins: the one-way tables by region and by size
 * band ARE those margins) and by cluster (with its total).
 *
 * Disclosure control:
 * - primary suppression: a non-empty cell with fewer than `minCell` cities (minCell + 1 when
 *   `robustToRemoval`, so every published cell keeps ≥ minCell after any one city leaves), or
 *   whose cities fall in fewer than ℓ score bands of some measure (everyone's band would be
 *   disclosed);
 * - complementary suppression over all linked lines (rows, columns, margins, and the grand
 *   total shared by both tables) so no suppressed cell is a total minus published cells;
 * - a suppressed cell publishes nothing (count, measures all null).
 * - optional ε-DP (dp.ts): ε is split evenly over the query groups (counts; per measure:
 *   sums, distributions). Each city sits in one inner cell of each table, so a group's L1
 *   sensitivity is (tables) × (1 for counts/distribution, 100 for sums of integer-rounded
 *   scores). Inner cells are noised; margins are sums of noisy inner cells (post-processing).
 *   Medians are not released under DP. The suppression pattern is decided on true counts
 *   (the ≥ minCell rule is about real cities), so the DP guarantee is for the values given
 *   the pattern.
 */
import { MISSING, scoreHierarchy } from './bands';
import { discreteLaplace, discreteLaplaceVariance } from './dp';
import type { RandomBytes } from './entropy';
import { isDiverse } from './kanonymity';
import { complementarySuppression, tableLines } from './suppression';

export interface AggregateInput {
  region: string;
  sizeBand: string;
  cluster?: string | null;
  /** measure → 0-100 score (NaN = missing) */
  values: Record<string, number>;
}

export interface MeasureSummary {
  mean: number | null;
  median: number | null;
  /** score band (level 0) → number of cities */
  distribution: Record<string, number>;
}

export interface AggregateCell {
  row: string;
  col: string;
  count: number | null;
  measures: Record<string, MeasureSummary> | null;
  suppressed: null | 'primary' | 'complementary';
}

export interface AggregateTable {
  name: string;
  rowDim: string;
  colDim: string | null;
  /** row-major, margins last; 'Total' labels the margins */
  cells: AggregateCell[];
}

export interface AggregateOptions {
  measures: readonly string[];
  /** default 5 */
  minCell?: number;
  /** default 2 */
  l?: number;
  /** default true */
  robustToRemoval?: boolean;
  dp?: { epsilon: number; random: RandomBytes } | null;
}

export interface DpGroup { name: string; epsilon: number; delta: number; noiseVariance: number }

export interface Aggregates {
  tables: AggregateTable[];
  minPublishedCell: number;
  dp: null | { epsilon: number; groups: DpGroup[] };
}

export const TOTAL = 'Total';
const REGIONS = ['Northern Europe', 'Western Europe', 'Southern Europe', 'Eastern Europe'];
const SIZES = ['<250k', '250k-500k', '500k-1M', '≥1M'];
const SCORE_BANDS = ['0-25', '25-50', '50-75', '75-100', MISSING];

const withExtras = (fixed: string[], seen: Iterable<string>) => [...fixed, ...[...new Set(seen)].filter((x) => !fixed.includes(x)).sort()];
const round1 = (x: number) => Math.round(x * 10) / 10;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Build the suppressed (optionally noisy) aggregate tables.
 * @example
 * aggregateTables(cities.map((c) => ({ region: regionOf(c.country), sizeBand: sizeBand(c.population), cluster: c.cluster, values: { overall: c.overall } })), { measures: ['overall'] })
 * // → { tables: [{ name: 'region×size', cells: [{ row: 'Northern Europe', col: '<250k', count: 14, measures: { overall: { mean: 61.2, … } } }, …] }, …] }
 */
export function aggregateTables(input: readonly AggregateInput[], options: AggregateOptions): Aggregates {
  const { measures, minCell = 5, l = 2, robustToRemoval = true, dp = null } = options;
  if (!Number.isInteger(minCell) || minCell < 1) throw new RangeError(`minCell=${minCell} must be an integer >= 1`);
  const minEff = robustToRemoval ? minCell + 1 : minCell;
  const rows = withExtras(REGIONS, input.map((x) => x.region));
  const cols = withExtras(SIZES, input.map((x) => x.sizeBand));
  const hasClusters = input.some((x) => x.cluster != null);
  const clusters = hasClusters ? withExtras([], input.map((x) => x.cluster ?? MISSING)) : [];

  // Cell universe: two-way grid (rows+1)×(cols+1), then cluster cells + their total.
  const R = rows.length, C = cols.length, K = clusters.length;
  const gridSize = (R + 1) * (C + 1);
  const members: number[][] = Array.from({ length: gridSize + (hasClusters ? K + 1 : 0) }, () => []);
  const labels: [string, string][] = [];
  for (let i = 0; i <= R; i++) for (let j = 0; j <= C; j++) labels.push([rows[i] ?? TOTAL, cols[j] ?? TOTAL]);
  for (let c = 0; c <= K && hasClusters; c++) labels.push([clusters[c] ?? TOTAL, TOTAL]);
  const inner: number[][] = input.map(() => []);
  input.forEach((x, r) => {
    const i = rows.indexOf(x.region), j = cols.indexOf(x.sizeBand);
    for (const [a, b] of [[i, j], [i, C], [R, j], [R, C]]) members[a * (C + 1) + b].push(r);
    inner[r].push(i * (C + 1) + j);
    if (hasClusters) {
      const c = clusters.indexOf(x.cluster ?? MISSING);
      members[gridSize + c].push(r);
      members[gridSize + K].push(r);
      inner[r].push(gridSize + c);
    }
  });

  const bands = measures.map((m) => Int32Array.from(input, (x) => SCORE_BANDS.indexOf(scoreHierarchy.label(x.values[m], 0))));
  const counts = members.map((m) => m.length);
  const primary = members.map((m) => m.length > 0 && (m.length < minEff || !isDiverse(m, bands, l, robustToRemoval)));
  const lines = [...tableLines(R, C), ...(hasClusters ? [...tableLines(K, 0, gridSize), [gridSize - 1, gridSize + K]] : [])];
  const { suppressed } = complementarySuppression(counts, primary, lines);

  // Values: exact, or noisy inner cells with margins as sums.
  const groups: DpGroup[] = [];
  let noisy: null | { count: number[]; sum: number[][]; hist: number[][][] } = null;
  if (dp) {
    const tables = hasClusters ? 2 : 1;
    const eps = dp.epsilon / (1 + 2 * measures.length);
    const group = (name: string, delta: number) => { groups.push({ name, epsilon: eps, delta, noiseVariance: discreteLaplaceVariance(eps, delta) }); return delta; };
    const dCount = group('count', tables);
    const dSum = measures.map((m) => group(`sum:${m}`, 100 * tables));
    const dHist = measures.map((m) => group(`distribution:${m}`, tables));
    const isInner = (id: number) => (id < gridSize ? Math.floor(id / (C + 1)) < R && id % (C + 1) < C : id < gridSize + K);
    const count = members.map(() => 0);
    const sum = measures.map(() => members.map(() => 0));
    const hist = measures.map(() => members.map(() => SCORE_BANDS.map(() => 0)));
    members.forEach((ms, id) => {
      if (!isInner(id)) return;
      count[id] = ms.length + discreteLaplace(dp.random, eps, dCount);
      measures.forEach((m, q) => {
        const vals = ms.map((r) => input[r].values[m]).filter((v) => Number.isFinite(v));
        sum[q][id] = vals.reduce((s, v) => s + Math.round(Math.min(100, Math.max(0, v))), 0) + discreteLaplace(dp.random, eps, dSum[q]);
        SCORE_BANDS.forEach((_, b) => { hist[q][id][b] = ms.filter((r) => bands[q][r] === b).length + discreteLaplace(dp.random, eps, dHist[q]); });
      });
    });
    // margins = sums of their inner cells
    const add = (to: number, from: number) => { count[to] += count[from]; measures.forEach((_, q) => { sum[q][to] += sum[q][from]; hist[q][to] = hist[q][to].map((v, b) => v + hist[q][from][b]); }); };
    for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) { const id = i * (C + 1) + j; add(i * (C + 1) + C, id); add(R * (C + 1) + j, id); add(R * (C + 1) + C, id); }
    for (let c = 0; c < K; c++) add(gridSize + K, gridSize + c);
    noisy = { count, sum, hist };
  }

  const cell = (id: number): AggregateCell => {
    const [row, col] = labels[id];
    const status = suppressed[id] ? (primary[id] ? 'primary' : 'complementary') : null;
    if (status) return { row, col, count: null, measures: null, suppressed: status };
    const ms = members[id];
    if (noisy) {
      const n = noisy;
      return {
        row, col, count: Math.max(0, n.count[id]), suppressed: null,
        measures: Object.fromEntries(measures.map((m, q) => {
          const distribution = Object.fromEntries(SCORE_BANDS.map((b, bi) => [b, Math.max(0, n.hist[q][id][bi])]));
          const answered = SCORE_BANDS.reduce((s, b, bi) => s + (b === MISSING ? 0 : distribution[b]), 0);
          const mean = answered > 0 ? round1(Math.min(100, Math.max(0, n.sum[q][id] / answered))) : null;
          return [m, { mean, median: null, distribution }];
        })),
      };
    }
    return {
      row, col, count: ms.length, suppressed: null,
      measures: ms.length === 0 ? null : Object.fromEntries(measures.map((m, q) => {
        const vals = ms.map((r) => input[r].values[m]).filter((v) => Number.isFinite(v));
        const distribution = Object.fromEntries(SCORE_BANDS.map((b, bi) => [b, ms.filter((r) => bands[q][r] === bi).length]));
        const med = median(vals);
        return [m, { mean: vals.length ? round1(vals.reduce((a, b) => a + b, 0) / vals.length) : null, median: med === null ? null : round1(med), distribution }];
      })),
    };
  };

  const tables: AggregateTable[] = [{ name: 'region×size', rowDim: 'region', colDim: 'sizeBand', cells: Array.from({ length: gridSize }, (_, id) => cell(id)) }];
  if (hasClusters) tables.push({ name: 'cluster', rowDim: 'cluster', colDim: null, cells: Array.from({ length: K + 1 }, (_, c) => cell(gridSize + c)) });
  return { tables, minPublishedCell: minEff, dp: dp ? { epsilon: dp.epsilon, groups } : null };
}
