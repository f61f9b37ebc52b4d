/**
 * k-anonymity + ℓ-diversity by full-domain generalisation and local suppression.
 *
 * Input: for each quasi-identifier (QI), its label for every row at every level of a fixed
 * hierarchy (see bands.ts), and for each sensitive attribute its label per row. The search
 * walks the lattice of level vectors (one level per QI) in order of increasing information
 * loss and returns the first node whose classes, after suppressing every class that fails,
 * are all ≥ k rows and ℓ-diverse with at most `maxSuppression` of the rows suppressed.
 *
 * Loss of a node = g·(1 − s) + s, where g is the mean per-QI level loss (data-independent)
 * and s the suppressed share (a suppressed row loses everything). Because loss ≥ g, the
 * walk stops as soon as the next node's g cannot beat the best loss found: the answer is the
 * minimal-loss node; ties go to the lower total level, then the lexicographically smaller
 * level vector (deterministic).
 *
 * With `linkable` (rows that reveal more than their QIs, see derived.ts), records whose row
 * or city stays linkable to fewer than k' class members are suppressed individually too.
 *
 * `robustToRemoval` (default true): every class keeps ≥ k rows and ≥ ℓ distinct sensitive
 * values after ANY one member is removed (a city leaving the network, or a member who knows
 * their own row). For size this means classes of ≥ k + 1 rows; for diversity it means
 * (distinct values − [some value occurs once]) ≥ ℓ for every sensitive attribute.
 */

export interface QiColumn {
  name: string;
  /** labels[level][row] */
  labels: string[][];
  /** loss per level, 0 at level 0 and 1 at the top */
  loss: readonly number[];
}

export interface KAnonymityOptions {
  /** minimum class size; default 5 */
  k?: number;
  /** minimum distinct sensitive values per class and attribute; default 2 */
  l?: number;
  /** largest share of rows that may be suppressed; default 0.1 */
  maxSuppression?: number;
  /** keep k and ℓ after any one member is removed; default true */
  robustToRemoval?: boolean;
  /** refuse lattices larger than this; default 200 000 */
  maxNodes?: number;
  /**
   * Extra linkage beyond the QIs: `linkable(r, c)` is true when row r's released values (e.g.
   * indicator bands, from which a published score can be recomputed) are consistent with city
   * c's public facts. When given, every row of a class must be linkable to ≥ k' members and
   * every member to ≥ k' rows of its class (k' = k, or k + 1 with `robustToRemoval`).
   */
  linkable?: (row: number, city: number) => boolean;
}

export interface Generalisation {
  refused: false;
  /** chosen level per QI, in input order */
  levels: number[];
  /** row indices of each released equivalence class */
  classes: number[][];
  /** suppressed row indices */
  suppressed: number[];
  loss: number;
  nodesEvaluated: number;
}

export interface Refusal {
  refused: true;
  reason: string;
  nodesEvaluated: number;
}

/** Encode labels as small integers; returns codes and number of distinct labels. */
function encode(labels: string[]): { codes: Int32Array; size: number } {
  const ids = new Map<string, number>();
  const codes = new Int32Array(labels.length);
  labels.forEach((l, i) => {
    let id = ids.get(l);
    if (id === undefined) ids.set(l, (id = ids.size));
    codes[i] = id;
  });
  return { codes, size: Math.max(1, ids.size) };
}

/**
 * Whether the rows `members` are ℓ-diverse in every sensitive attribute (robust: still after
 * removing any one of them).
 * @example isDiverse([0, 1, 2], [Int32Array.of(0, 1, 1)], 2, false) // true
 */
export function isDiverse(members: readonly number[], sensitive: readonly Int32Array[], l: number, robust: boolean): boolean {
  const size = Math.max(1, ...sensitive.map((a) => members.reduce((m, r) => Math.max(m, a[r] + 1), 0)));
  return diverse(members, sensitive, l, robust, new Int32Array(size));
}

function diverse(members: readonly number[], sensitive: readonly Int32Array[], l: number, robust: boolean, counts: Int32Array): boolean {
  for (const attr of sensitive) {
    counts.fill(0);
    let distinct = 0;
    for (const r of members) if (counts[attr[r]]++ === 0) distinct++;
    let singleton = false;
    if (robust) for (const r of members) if (counts[attr[r]] === 1) { singleton = true; break; }
    if ((singleton ? distinct - 1 : distinct) < l) return false;
  }
  return true;
}

/**
 * Local suppression for `linkable`: drop, to a fixpoint, every record whose row is linkable to
 * fewer than kEff kept members or who is linkable to fewer than kEff kept rows.
 */
function pruneLinked(members: readonly number[], linkable: (row: number, city: number) => boolean, kEff: number): number[] {
  let kept = members.slice();
  for (;;) {
    const perCity = new Int32Array(kept.length);
    const perRow = new Int32Array(kept.length);
    kept.forEach((r, ri) => kept.forEach((c, ci) => { if (linkable(r, c)) { perRow[ri]++; perCity[ci]++; } }));
    const next = kept.filter((_, i) => perRow[i] >= kEff && perCity[i] >= kEff);
    if (next.length === kept.length || next.length < kEff) return next;
    kept = next;
  }
}

/**
 * Find the minimal-loss generalisation meeting k, ℓ and the suppression limit, or refuse.
 * @example
 * findGeneralisation([{ name: 'pop', labels: [popBand0, popBand1, popAny], loss: [0, 0.5, 1] }], [scoreBands], { k: 5 })
 * // → { refused: false, levels: [1], classes: [[0, 3, …], …], suppressed: [7], … }
 */
export function findGeneralisation(qis: readonly QiColumn[], sensitive: readonly string[][], options: KAnonymityOptions = {}): Generalisation | Refusal {
  const { k = 5, l = 2, maxSuppression = 0.1, robustToRemoval = true, maxNodes = 200_000, linkable } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k=${k} must be an integer >= 1`);
  if (!Number.isInteger(l) || l < 1) throw new RangeError(`l=${l} must be an integer >= 1`);
  if (!(maxSuppression >= 0 && maxSuppression <= 1)) throw new RangeError(`maxSuppression=${maxSuppression} must be in [0, 1]`);
  const n = qis[0]?.labels[0]?.length ?? sensitive[0]?.length ?? 0;
  for (const q of qis) for (const lv of q.labels) if (lv.length !== n) throw new RangeError(`QI ${q.name} has ${lv.length} labels at some level, must have rows=${n}`);
  for (const s of sensitive) if (s.length !== n) throw new RangeError(`sensitive attribute has ${s.length} labels, must have rows=${n}`);
  const kEff = robustToRemoval ? k + 1 : k;
  const maxSuppressed = Math.floor(maxSuppression * n);
  const rule = `k=${k}${robustToRemoval ? ` (classes >= ${kEff} so k holds after any one city is removed)` : ''}, l=${l}, suppression <= ${Math.round(maxSuppression * 100)}%`;
  if (n < kEff) return { refused: true, reason: `rows=${n} < ${kEff}: no class can satisfy ${rule}`, nodesEvaluated: 0 };

  const codes = qis.map((q) => q.labels.map(encode));
  const sens = sensitive.map((s) => encode(s).codes);
  const nodeCount = qis.reduce((p, q) => p * q.labels.length, 1);
  if (nodeCount > maxNodes) throw new RangeError(`lattice has ${nodeCount} nodes, must be <= maxNodes=${maxNodes}`);

  // Enumerate the lattice, sorted by (g, height, lexicographic levels).
  const nodes: { levels: number[]; g: number; h: number }[] = [];
  const levels = qis.map(() => 0);
  for (let c = 0; c < nodeCount; c++) {
    let rest = c;
    for (let q = qis.length - 1; q >= 0; q--) { levels[q] = rest % qis[q].labels.length; rest = Math.floor(rest / qis[q].labels.length); }
    const g = qis.length ? levels.reduce((s, lv, q) => s + qis[q].loss[lv], 0) / qis.length : 0;
    nodes.push({ levels: levels.slice(), g, h: levels.reduce((a, b) => a + b, 0) });
  }
  const lex = (a: number[], b: number[]) => { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]; return 0; };
  nodes.sort((a, b) => a.g - b.g || a.h - b.h || lex(a.levels, b.levels));

  // Keys: the QIs split in two halves; each half-node's rows get dense ids once (cached), so a
  // node's class key is idA·mB + idB, counted in a typed array (a Map when that would be huge).
  const mid = Math.ceil(qis.length / 2);
  // A row alone in its half-class is alone in the full class too, so each half bounds the
  // suppression from below (`small`) and most nodes are rejected without a pass over the rows.
  const halfCache = new Map<string, { ids: Int32Array; m: number; small: number }>();
  const half = (from: number, to: number, lv: number[]) => {
    const id = `${from}:${lv.slice(from, to).join(',')}`;
    let h = halfCache.get(id);
    if (!h) {
      const seen = new Map<string, number>();
      const ids = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        let key = '';
        for (let q = from; q < to; q++) key += codes[q][lv[q]].codes[r] + ',';
        let v = seen.get(key);
        if (v === undefined) seen.set(key, (v = seen.size));
        ids[r] = v;
      }
      const sizes = new Int32Array(seen.size);
      for (let r = 0; r < n; r++) sizes[ids[r]]++;
      let small = 0;
      for (const c of sizes) if (c < kEff) small += c;
      halfCache.set(id, (h = { ids, m: Math.max(1, seen.size), small }));
    }
    return h;
  };
  let best: Generalisation | null = null;
  let fewestSuppressed = Infinity;
  let evaluated = 0;
  const keys = new Float64Array(n);
  let counter = new Int32Array(0);
  const touched: number[] = [];
  const scratch = new Int32Array(Math.max(1, ...sens.map((a) => a.reduce((m, c) => Math.max(m, c + 1), 0))));
  for (const node of nodes) {
    if (best && node.g >= best.loss - 1e-12) break;
    evaluated++;
    // pass 1: class keys and sizes; most nodes fail here on size alone
    const A = half(0, mid, node.levels), B = half(mid, qis.length, node.levels);
    if (Math.max(A.small, B.small) > maxSuppressed) { fewestSuppressed = Math.min(fewestSuppressed, Math.max(A.small, B.small)); continue; }
    const space = A.m * B.m;
    const big = space > 1 << 22;
    const sizeMap = new Map<number, number>();
    if (!big && counter.length < space) counter = new Int32Array(space);
    touched.length = 0;
    for (let r = 0; r < n; r++) {
      const key = A.ids[r] * B.m + B.ids[r];
      keys[r] = key;
      if (big) sizeMap.set(key, (sizeMap.get(key) ?? 0) + 1);
      else if (counter[key]++ === 0) touched.push(key);
    }
    const sizeOf = big ? (key: number) => sizeMap.get(key)! : (key: number) => counter[key];
    const sizes = big ? [...sizeMap.values()] : touched.map((t) => counter[t]);
    let small = 0;
    for (const c of sizes) if (c < kEff) small += c;
    fewestSuppressed = Math.min(fewestSuppressed, small);
    if (small > maxSuppressed) { for (const t of touched) counter[t] = 0; continue; }
    // pass 2: members of the large classes, then diversity
    const classesByKey = new Map<number, number[]>();
    for (let r = 0; r < n; r++) {
      if (sizeOf(keys[r]) < kEff) continue;
      const m = classesByKey.get(keys[r]);
      if (m) m.push(r); else classesByKey.set(keys[r], [r]);
    }
    for (const t of touched) counter[t] = 0;
    const classes: number[][] = [];
    let suppressedCount = small;
    for (const members of classesByKey.values()) {
      const kept = linkable ? pruneLinked(members, linkable, kEff) : members;
      if (kept.length >= kEff && diverse(kept, sens, l, robustToRemoval, scratch)) {
        classes.push(kept);
        suppressedCount += members.length - kept.length;
      } else suppressedCount += members.length;
      if (suppressedCount > maxSuppressed) break;
    }
    fewestSuppressed = Math.min(fewestSuppressed, suppressedCount);
    if (suppressedCount > maxSuppressed) continue;
    const s = suppressedCount / n;
    const loss = node.g * (1 - s) + s;
    if (!best || loss < best.loss - 1e-12) {
      const inClass = new Uint8Array(n);
      for (const c of classes) for (const r of c) inClass[r] = 1;
      const suppressed: number[] = [];
      for (let r = 0; r < n; r++) if (!inClass[r]) suppressed.push(r);
      best = { refused: false, levels: node.levels, classes, suppressed, loss, nodesEvaluated: 0 };
    }
  }
  if (best) return { ...best, nodesEvaluated: evaluated };
  return {
    refused: true,
    reason: `no generalisation of ${qis.map((q) => q.name).join(', ')} meets ${rule} for rows=${n}; the best one suppresses at least ${fewestSuppressed === Infinity ? n : fewestSuppressed} rows (limit ${maxSuppressed})`,
    nodesEvaluated: evaluated,
  };
}
