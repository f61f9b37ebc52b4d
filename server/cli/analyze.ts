/**
 * `citypeers analyze <method> --input file.csv [...]`: runs one analytics method on a numeric
 * CSV and prints JSON on stdout (NaN → null). Bad files and bad arguments → stderr, exit 2.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fromRows, toRows, type Matrix } from '../../analytics/matrix';
import { kmeans } from '../../analytics/kmeans';
import { cutTree, ward } from '../../analytics/hierarchical';
import { fitPca, pcaTransform } from '../../analytics/pca';
import { silhouette } from '../../analytics/silhouette';
import { nearestNeighbors } from '../../analytics/neighbors';
import { zscore } from '../../analytics/normalize';
import { readNumericCsv, type NumericTable } from './csv';
import { UsageError, type Io } from './io';
import { hasParallelPath, mayUseParallel, PARALLEL_OPTION, parallelMode, useParallel } from './parallel-policy';

type Values = Record<string, string | boolean | undefined>;

interface Method {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' }>;
  /** `parallel`: run on the server/compute worker pool (same result; its modules load only then). */
  run(table: NumericTable, m: Matrix, v: Values, parallel: boolean): unknown;
}

const INPUT = '  --input FILE       CSV: header row, then numeric rows; an empty cell is missing';

const int = (v: Values, name: string, fallback?: number): number => {
  const raw = v[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw new UsageError(`--${name}=${String(raw)} must be an integer`);
  return Number(raw);
};

const rowsOf = (m: Matrix) => toRows(m);

const METHODS: Record<string, Method> = {
  kmeans: {
    summary: 'k-means clustering (seeded k-means++ or given initial centres)',
    usage: `citypeers analyze kmeans --input FILE --k K [--init centers.csv] [--max-iter N] [--seed S]\n${INPUT}\n` +
      '  --k K              number of clusters (<= rows)\n  --init FILE        initial centres: CSV with the same columns, K rows\n' +
      '  --max-iter N       Lloyd iterations (default 300)\n  --seed S           seed of k-means++ (default 0)\n' + `${PARALLEL_OPTION}\n` +
      'Prints { labels, centroids, inertia, iterations, converged }.',
    options: { k: { type: 'string' }, init: { type: 'string' }, 'max-iter': { type: 'string' }, seed: { type: 'string' } },
    async run(table, m, v, parallel) {
      let init: Matrix | undefined;
      if (typeof v.init === 'string') {
        const centres = readNumericCsv(v.init);
        if (centres.columns.length !== table.columns.length) {
          throw new UsageError(`--init ${v.init} has ${centres.columns.length} columns; the input has ${table.columns.length}`);
        }
        init = fromRows(centres.rows);
      }
      const k = int(v, 'k', init?.rows);
      if (init && init.rows !== k) throw new UsageError(`--k=${k} must equal the ${init.rows} rows of --init ${String(v.init)}`);
      const opts = { k, init, seed: int(v, 'seed', 0), maxIter: int(v, 'max-iter', 300) };
      const r = parallel ? await (await import('../compute/parallel-kmeans')).parallelKmeans(m, opts) : kmeans(m, opts);
      return { labels: Array.from(r.labels), centroids: rowsOf(r.centroids), inertia: r.inertia, iterations: r.iterations, converged: r.converged };
    },
  },
  ward: {
    summary: 'Ward hierarchical clustering, cut into k clusters',
    usage: `citypeers analyze ward --input FILE --k K\n${INPUT}\n  --k K              number of clusters (<= rows)\n${PARALLEL_OPTION}\n` +
      'Prints { labels, heights, merges } (scipy linkage convention: ids >= rows are earlier merges).',
    options: { k: { type: 'string' } },
    async run(_t, m, v, parallel) {
      const k = int(v, 'k');
      const { merges } = parallel ? await (await import('../compute/parallel-ward')).parallelWard(m) : ward(m);
      return { labels: Array.from(cutTree(merges, m.rows, k)), heights: merges.map((z) => z.height), merges };
    },
  },
  pca: {
    summary: 'principal component analysis',
    usage: `citypeers analyze pca --input FILE [--components C]\n${INPUT}\n  --components C     components to keep (default 2)\n` +
      'Prints { scores, components, explainedVariance, explainedVarianceRatio }.',
    options: { components: { type: 'string' } },
    run(_t, m, v) {
      const model = fitPca(m, { components: int(v, 'components', 2) });
      return {
        scores: rowsOf(pcaTransform(model, m)), components: rowsOf(model.components),
        explainedVariance: model.explainedVariance, explainedVarianceRatio: model.explainedVarianceRatio,
      };
    },
  },
  silhouette: {
    summary: 'mean silhouette of a given clustering',
    usage: `citypeers analyze silhouette --input FILE --labels labels.csv\n${INPUT}\n` +
      `  --labels FILE      CSV with a header and one integer label per input row (first column used)\n${PARALLEL_OPTION}\nPrints { mean, perRow }.`,
    options: { labels: { type: 'string' } },
    async run(_t, m, v, parallel) {
      if (typeof v.labels !== 'string') throw new UsageError('--labels is required');
      const lt = readNumericCsv(v.labels);
      if (lt.rows.length !== m.rows) throw new UsageError(`--labels ${v.labels} has ${lt.rows.length} rows; the input has ${m.rows}`);
      const labels = lt.rows.map((r, i) => {
        if (!Number.isInteger(r[0]) || r[0] < 0) throw new UsageError(`${v.labels} row ${i + 2}, column "${lt.columns[0]}": label ${r[0]} must be an integer >= 0`);
        return r[0];
      });
      const s = parallel ? await (await import('../compute/parallel-silhouette')).parallelSilhouette(m, labels) : silhouette(m, labels);
      return { mean: s.mean, perRow: Array.from(s.perRow) };
    },
  },
  neighbors: {
    summary: 'nearest rows to one row (Gower or weighted Euclidean)',
    usage: `citypeers analyze neighbors --input FILE --row I --k K [--weights w.json] [--metric gower|euclidean]\n${INPUT}\n` +
      '  --row I            0-based data row (the header is not counted)\n  --k K              neighbours to return\n' +
      '  --weights FILE     JSON: an array with one weight per column, or { "column": weight } (others 1)\n' +
      `  --metric M         gower (default) or euclidean (squared, weighted)\n${PARALLEL_OPTION}\nPrints { row, indices, distances, neighbors }.`,
    options: { row: { type: 'string' }, k: { type: 'string' }, weights: { type: 'string' }, metric: { type: 'string' } },
    async run(table, m, v, parallel) {
      const row = int(v, 'row');
      const k = int(v, 'k');
      if (row < 0 || row >= m.rows) throw new UsageError(`--row=${row} must be a data row in 0..${m.rows - 1}`);
      if (k < 1 || k > m.rows - 1) throw new UsageError(`k=${k} must be <= rows-1=${m.rows - 1} (the row itself is excluded) and >= 1`);
      const metric = (v.metric ?? 'gower') as string;
      if (metric !== 'gower' && metric !== 'euclidean') throw new UsageError(`--metric=${metric} must be gower or euclidean`);
      const weights = typeof v.weights === 'string' ? readWeights(v.weights, table.columns) : undefined;
      const opts = { k, metric, weights } as const;
      const nb = parallel ? (await (await import('../compute/parallel-peer-query')).parallelPeerQuery(m, row, opts)).neighbors : nearestNeighbors(m, row, opts);
      return { row, indices: nb.map((x) => x.index), distances: nb.map((x) => x.distance), neighbors: nb };
    },
  },
  zscore: {
    summary: 'column z-scores (population sd; missing stays missing)',
    usage: `citypeers analyze zscore --input FILE\n${INPUT}\nPrints { columns, rows }.`,
    options: {},
    run(table, m) {
      return { columns: table.columns, rows: rowsOf(zscore(m)) };
    },
  },
};

function readWeights(path: string, columns: string[]): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--weights ${path} ${(e as NodeJS.ErrnoException).code ? 'cannot be read' : `is not valid JSON: ${(e as Error).message}`}`);
  }
  const check = (w: unknown, where: string) => {
    if (typeof w !== 'number' || !(w >= 0)) throw new UsageError(`--weights ${path}: ${where} weight ${JSON.stringify(w)} must be a number >= 0`);
    return w;
  };
  if (Array.isArray(parsed)) {
    if (parsed.length !== columns.length) throw new UsageError(`--weights ${path} has ${parsed.length} weights; the input has ${columns.length} columns`);
    return parsed.map((w, j) => check(w, `column "${columns[j]}"`));
  }
  if (parsed && typeof parsed === 'object') {
    const obj = parsed as Record<string, unknown>;
    for (const key of Object.keys(obj)) if (!columns.includes(key)) throw new UsageError(`--weights ${path}: "${key}" is not a column of the input (${columns.join(', ')})`);
    return columns.map((c) => (c in obj ? check(obj[c], `column "${c}"`) : 1));
  }
  throw new UsageError(`--weights ${path} must hold an array of numbers or an object { column: weight }`);
}

/** Size of a file in bytes, 0 when it cannot be read (reading it reports why). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** JSON with NaN/±Infinity as null and typed arrays as arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
    return v;
  }, 2);
}

export const ANALYZE_HELP = `citypeers analyze <method> --input FILE [options]

Methods:
${Object.entries(METHODS).map(([name, m]) => `  ${name.padEnd(12)} ${m.summary}`).join('\n')}

Run "citypeers analyze <method> --help" for a method's options.
Output: JSON on stdout (missing values as null). Errors: stderr, exit code 2.`;

/**
 * Runs `analyze` with the arguments after the word "analyze"; returns the exit code.
 * @example await analyze(['kmeans', '--input', 'x.csv', '--k', '2'], io) // 0, JSON on io.out
 */
export async function analyze(args: string[], io: Io): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(ANALYZE_HELP);
    return name ? 0 : 2;
  }
  const method = METHODS[name];
  if (!method) throw new UsageError(`unknown method "${name}"; expected one of ${Object.keys(METHODS).join(', ')}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(method.usage);
    return 0;
  }
  let values: Values;
  try {
    const parallelOption: Record<string, { type: 'string' }> = hasParallelPath(name) ? { parallel: { type: 'string' } } : {};
    ({ values } = parseArgs({ args: rest, options: { input: { type: 'string' }, ...parallelOption, ...method.options }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: ${method.usage.split('\n')[0]}`);
  }
  if (typeof values.input !== 'string') throw new UsageError(`--input is required\nusage: ${method.usage.split('\n')[0]}`);
  const mode = parallelMode(values.parallel);
  if (mayUseParallel(mode, name, fileBytes(values.input))) (await import('../compute/pool')).computePool(); // workers start while the CSV is parsed
  const table = readNumericCsv(values.input);
  const m = fromRows(table.rows);
  const result = await method.run(table, m, values, useParallel(mode, name, m.rows, m.cols));
  io.out(toJson(result));
  return 0;
}
