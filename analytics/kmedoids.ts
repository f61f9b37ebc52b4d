import { checkK } from './kmeans';

export interface KMedoidsOptions {
  k: number;
  /** Maximum SWAP iterations (default 100). */
  maxIter?: number;
}

export interface KMedoidsResult {
  /** Row indices of the medoids, cluster c has medoid medoids[c]. */
  medoids: Int32Array;
  labels: Int32Array;
  /** Sum of distances of rows to their medoid. */
  cost: number;
  iterations: number;
}

/**
 * PAM k-medoids on a precomputed n×n distance matrix (e.g. `gowerMatrix`): greedy BUILD, then
 * SWAP with the FastPAM1 O(n²)-per-iteration evaluation, applying the best improving swap each
 * iteration. Deterministic: ties go to the lowest index. NaN distances are not allowed.
 * @example kmedoids(gowerMatrix(m, specs), m.rows, { k: 3 }) // { medoids, labels, cost }
 */
export function kmedoids(dist: Float64Array, n: number, opts: KMedoidsOptions): KMedoidsResult {
  const { k } = opts;
  if (dist.length !== n * n) throw new RangeError(`distance matrix length=${dist.length} must equal n*n=${n * n}`);
  checkK(k, n);
  const maxIter = opts.maxIter ?? 100;
  for (let t = 0; t < dist.length; t++) if (dist[t] !== dist[t]) throw new RangeError(`distance[${t}]=NaN: distances must not be missing`);
  const medoids = new Int32Array(k);
  const isMed = new Uint8Array(n);
  const dn = new Float64Array(n).fill(Infinity); // distance to nearest medoid
  // BUILD
  for (let c = 0; c < k; c++) {
    let best = -1, bestCost = Infinity;
    for (let x = 0; x < n; x++) {
      if (isMed[x]) continue;
      let cost = 0;
      const ox = x * n;
      for (let o = 0; o < n; o++) { const v = dist[ox + o]; cost += v < dn[o] ? v : dn[o]; }
      if (cost < bestCost) { bestCost = cost; best = x; }
    }
    medoids[c] = best; isMed[best] = 1;
    for (let o = 0; o < n; o++) { const v = dist[best * n + o]; if (v < dn[o]) dn[o] = v; }
  }
  const near = new Int32Array(n), ds = new Float64Array(n);
  const assign = () => {
    for (let o = 0; o < n; o++) {
      let b1 = Infinity, b2 = Infinity, bi = 0;
      for (let c = 0; c < k; c++) {
        const v = dist[medoids[c] * n + o];
        if (v < b1) { b2 = b1; b1 = v; bi = c; } else if (v < b2) b2 = v;
      }
      near[o] = bi; dn[o] = b1; ds[o] = b2;
    }
  };
  assign();
  // SWAP (FastPAM1): delta[i] for swapping medoid i with x = A - a[i] + b[i]
  const a = new Float64Array(k), b = new Float64Array(k);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    let bestDelta = 0, bestI = -1, bestX = -1;
    for (let x = 0; x < n; x++) {
      if (isMed[x]) continue;
      a.fill(0); b.fill(0);
      let A = 0;
      const ox = x * n;
      for (let o = 0; o < n; o++) {
        const v = dist[ox + o], dno = dn[o], c = near[o];
        const gain = v < dno ? v - dno : 0;
        A += gain; a[c] += gain;
        b[c] += (v < ds[o] ? v : ds[o]) - dno;
      }
      for (let i = 0; i < k; i++) {
        const delta = A - a[i] + b[i];
        if (delta < bestDelta - 1e-12) { bestDelta = delta; bestI = i; bestX = x; }
      }
    }
    if (bestI < 0) break;
    isMed[medoids[bestI]] = 0; medoids[bestI] = bestX; isMed[bestX] = 1;
    assign();
  }
  let cost = 0;
  for (let o = 0; o < n; o++) cost += dn[o];
  return { medoids, labels: near, cost, iterations: iter };
}
