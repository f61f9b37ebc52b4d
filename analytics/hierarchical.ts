import { hasMissing, imputeMean, type Matrix } from './matrix';
import { centredCopy, packRows4, rowSqNorms, sqDist, sqDistBlock4x3 } from './kernels';

/** One agglomeration step, scipy linkage style: ids < n are rows, n + i is the cluster made by merge i. */
export interface Merge {
  a: number;
  b: number;
  /** sqrt(2·ΔESS·…) as scipy's `ward` — for two single rows, their Euclidean distance. */
  height: number;
  size: number;
}

export interface WardResult {
  merges: Merge[];
}

/** Condensed index of pair (i, j), i < j, among n items. @example condensedIndex(4, 0, 1) // 0 */
export function condensedIndex(n: number, i: number, j: number): number {
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * Ward agglomerative clustering (nearest-neighbour chain, Lance–Williams updates on a full n×n
 * squared-distance matrix so that every row scan is contiguous: O(n²) memory, n = 10k uses 800 MB).
 * Heights match scipy `linkage(X, 'ward')`. Missing values are mean-imputed per column first.
 * @example ward(fromRows([[0], [1], [5]])).merges // [{a:0,b:1,height:1,size:2},{a:2,b:3,height:≈4.967,size:3}]
 */
export function ward(m: Matrix): WardResult {
  const input = wardInput(m);
  const D = new Float64Array(input.n * input.n);
  fillWardDistances(input, D, 0, wardTiles(input.n));
  return wardFromDistances(D, input.n);
}

/** Centred, NaN-free rows and their squared norms: what the distance fill reads. */
export interface WardInput { X: Float64Array; n: number; d: number; norms: Float64Array }

/**
 * Validate and centre the rows (NaN mean-imputed) for {@link fillWardDistances}.
 * @example const input = wardInput(m); const D = new Float64Array(input.n * input.n)
 */
export function wardInput(m: Matrix): WardInput {
  const n = m.rows, d = m.cols;
  if (n < 1) throw new RangeError(`rows=${n} must be >= 1`);
  if (n > 32000) throw new RangeError(`rows=${n} must be <= 32000 (n×n distance matrix would exceed memory)`);
  const X = centredCopy(hasMissing(m) ? imputeMean(m).data : m.data, n, d);
  return { X, n, d, norms: rowSqNorms(X, n, d) };
}

/**
 * Ward clustering (nearest-neighbour chain) of a full n×n squared-distance matrix filled by
 * {@link fillWardDistances}; overwrites D (Lance–Williams updates).
 * @example wardFromDistances(D, n).merges
 */
export function wardFromDistances(D: Float64Array, n: number): WardResult {
  if (D.length !== n * n) throw new RangeError(`distance matrix length=${D.length} must equal n*n=${n * n}`);
  const size = new Float64Array(n).fill(1);
  const active = new Int32Array(n);
  for (let i = 0; i < n; i++) active[i] = i;
  let nActive = n;
  const chain = new Int32Array(n);
  let chainLen = 0;
  const raw: { x: number; y: number; dist: number; size: number; order: number }[] = [];

  for (let step = 0; step < n - 1; step++) {
    if (chainLen === 0) chain[chainLen++] = active[0];
    let x = 0, y = 0, currentMin = Infinity;
    for (;;) {
      x = chain[chainLen - 1];
      if (chainLen >= 2) { y = chain[chainLen - 2]; currentMin = D[x * n + y]; }
      else currentMin = Infinity;
      const bx = x * n; // D[x·n + x] = Infinity, so x never beats currentMin
      for (let t = 0; t < nActive; t++) {
        const i = active[t];
        const v = D[bx + i];
        if (v < currentMin) { currentMin = v; y = i; }
      }
      if (chainLen >= 2 && y === chain[chainLen - 2]) break;
      chain[chainLen++] = y;
    }
    chainLen -= 2;
    if (x > y) { const t = x; x = y; y = t; }
    const nx = size[x], ny = size[y];
    raw.push({ x, y, dist: currentMin, size: nx + ny, order: step });
    size[x] = 0; size[y] = nx + ny;
    nActive = removeSorted(active, nActive, x);
    lanceWilliamsWard(D, n, active, nActive, size, x, y, nx, ny, currentMin);
  }
  raw.sort((p, q) => p.dist - q.dist || p.order - q.order);
  // relabel with union-find (as scipy's `label`)
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    while (parent[i] !== r) { const nx2 = parent[i]; parent[i] = r; i = nx2; }
    return r;
  };
  const merges: Merge[] = [];
  let next = n;
  for (const z of raw) {
    const xr = find(z.x), yr = find(z.y);
    merges.push({ a: Math.min(xr, yr), b: Math.max(xr, yr), height: Math.sqrt(Math.max(0, z.dist)), size: z.size });
    parent[xr] = next; parent[yr] = next; next++;
  }
  return { merges };
}

/** Columns of the distance matrix are filled in tiles of TILE rows (multiple of 4 and 3). */
const TILE = 96;

/** Number of column tiles of an n×n Ward distance matrix. @example wardTiles(1000) // 11 */
export function wardTiles(n: number): number {
  return Math.ceil(n / TILE);
}

/**
 * Squared Euclidean distances for column tiles [tileFrom, tileTo) of the full n×n matrix D (both
 * triangles, diagonal = Infinity). Tile t holds the pairs (a, b) with b in rows [96t, 96t + 96) and
 * a < b: every 4-row block above the tile is compared with it in 4×3 norms-trick blocks, so the
 * transposed writes stay within 96 cache-friendly row streams. Tiles write disjoint entries, and
 * each entry gets the same value whichever call fills it.
 * @example fillWardDistances(input, D, 0, wardTiles(input.n)) // the whole matrix
 */
export function fillWardDistances(input: WardInput, D: Float64Array, tileFrom: number, tileTo: number): void {
  const { X, n, d, norms } = input;
  const blk = new Float64Array(12), T = new Float64Array(4 * d);
  const put = (i: number, j: number, v: number) => { D[i * n + j] = v; D[j * n + i] = v; };
  for (let jt = tileFrom * TILE; jt < n && jt < tileTo * TILE; jt += TILE) {
    const jEnd = Math.min(n, jt + TILE);
    for (let i = 0; i < jt; i += 4) {
      packRows4(X, d, i, T);
      let j = jt;
      for (; j + 2 < jEnd; j += 3) {
        sqDistBlock4x3(T, X, d, norms, i, j, blk);
        for (let r = 0; r < 4; r++) { put(i + r, j, blk[r * 3]); put(i + r, j + 1, blk[r * 3 + 1]); put(i + r, j + 2, blk[r * 3 + 2]); }
      }
      for (; j < jEnd; j++) for (let r = 0; r < 4; r++) put(i + r, j, sqDist(X, (i + r) * d, X, j * d, d));
    }
    for (let a = jt; a < jEnd; a++) for (let b = a + 1; b < jEnd; b++) put(a, b, sqDist(X, a * d, X, b * d, d));
    for (let a = jt; a < jEnd; a++) D[a * n + a] = Infinity;
  }
}

/**
 * Tile bounds [from, to) splitting the fill into `parts` ranges of about equal work (tile t costs
 * about t + 1 tile-sized blocks). The values do not depend on the split.
 * @example wardTileParts(10000, 2) // [[0, 74], [74, 105]]
 */
export function wardTileParts(n: number, parts: number): [number, number][] {
  const tiles = wardTiles(n);
  const bounds = Array.from({ length: parts + 1 }, (_, p) => Math.round(tiles * Math.sqrt(p / parts)));
  return bounds.slice(0, -1).map((b, p) => [b, bounds[p + 1]]);
}

/** Remove value x from the sorted prefix active[0..len); returns the new length. */
function removeSorted(active: Int32Array, len: number, x: number): number {
  let pos = 0;
  while (active[pos] !== x) pos++;
  active.copyWithin(pos, pos + 1, len);
  return len - 1;
}

/** Ward Lance–Williams update: the merge of x and y (squared distance dxy) becomes row/column y. */
function lanceWilliamsWard(D: Float64Array, n: number, active: Int32Array, nActive: number, size: Float64Array,
  x: number, y: number, nx: number, ny: number, dxy: number): void {
  const bx = x * n, by = y * n;
  for (let t = 0; t < nActive; t++) {
    const i = active[t];
    if (i === y) continue;
    const ni = size[i];
    const v = ((ni + nx) * D[bx + i] + (ni + ny) * D[by + i] - ni * dxy) / (ni + nx + ny);
    D[by + i] = v; D[i * n + y] = v;
  }
}

function checkMerges(merges: readonly Merge[], n: number): void {
  if (merges.length !== n - 1) throw new RangeError(`merges.length=${merges.length} must equal n-1=${n - 1}`);
}

/**
 * Cut the tree into k clusters. Labels are numbered by first appearance in row order (row 0 → 0).
 * @example cutTree(ward(m).merges, m.rows, 3) // Int32Array of labels in [0, 3)
 */
export function cutTree(merges: readonly Merge[], n: number, k: number): Int32Array {
  checkMerges(merges, n);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k=${k} must be an integer >= 1`);
  if (k > n) throw new RangeError(`k=${k} must be <= rows=${n}`);
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
  for (let s = 0; s < n - k; s++) { const z = merges[s]; parent[find(z.a)] = n + s; parent[find(z.b)] = n + s; }
  const labels = new Int32Array(n);
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let l = map.get(r);
    if (l === undefined) { l = map.size; map.set(r, l); }
    labels[i] = l;
  }
  return labels;
}

/** Dendrogram node (d3-hierarchy friendly: `children`). */
export interface TreeNode {
  id: number;
  height: number;
  size: number;
  /** Row index for leaves. */
  index?: number;
  children?: [TreeNode, TreeNode];
}

/**
 * Nested tree of a linkage (built iteratively, safe for deep trees).
 * @example toTree(ward(m).merges, m.rows) // { id: 2n-2, height, size: n, children: [...] }
 */
export function toTree(merges: readonly Merge[], n: number): TreeNode {
  checkMerges(merges, n);
  if (n < 1) throw new RangeError(`n=${n} must be >= 1`);
  const nodes: TreeNode[] = [];
  for (let i = 0; i < n; i++) nodes.push({ id: i, height: 0, size: 1, index: i });
  merges.forEach((z, s) => nodes.push({ id: n + s, height: z.height, size: z.size, children: [nodes[z.a], nodes[z.b]] }));
  return nodes[nodes.length - 1];
}
