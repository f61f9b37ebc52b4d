/**
 * Gap analysis for one city: per indicator, its score against the peer-group median,
 * the network median and the best comparable city, and "quick wins" (a small gap to the
 * peer median while many comparable cities are already ahead).
 * Scores are 0-100 with NaN = missing; medians ignore NaN and the city itself.
 */

export interface GapInput {
  /** row of `scores` to analyse */
  city: number;
  /** column ids of `scores` (indicators or areas) */
  itemIds: string[];
  /** scores[city][item], 0-100, NaN missing */
  scores: number[][];
  /** peer group (comparable context), city indices */
  peers: number[];
  /** cities counted as "comparable" for best/ahead; default = peers */
  comparable?: number[];
  /** network members; default = every row */
  network?: number[];
}

export interface GapOptions {
  /** quick win when 0 <= peerMedian - score <= this (points); default 10 */
  quickWinGap?: number;
  /** ... and at least this many comparable cities score higher; default 3 */
  quickWinAhead?: number;
}

export interface Gap {
  item: string;
  score: number;
  peerMedian: number;
  networkMedian: number;
  /** peerMedian - score (positive = behind the peers); NaN if either is missing */
  gapToPeerMedian: number;
  best: { city: number; score: number } | null;
  /** comparable cities scoring strictly higher than the city */
  ahead: number;
  quickWin: boolean;
}

/**
 * Median ignoring NaN; NaN when nothing is left.
 * @example nanMedian([3, NaN, 1, 2]) // 2
 */
export function nanMedian(values: readonly number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Per-item gaps of `city` against peers, network and the best comparable city.
 * @example
 * gaps({ city: 0, itemIds: ['k1'], scores: [[50], [55], [60], [90]], peers: [1, 2, 3] }, { quickWinAhead: 3 })
 * // → [{ item: 'k1', score: 50, peerMedian: 60, networkMedian: 60, gapToPeerMedian: 10,
 * //      best: { city: 3, score: 90 }, ahead: 3, quickWin: true }]
 */
export function gaps(input: GapInput, options: GapOptions = {}): Gap[] {
  const { city, itemIds, scores } = input;
  const quickWinGap = options.quickWinGap ?? 10;
  const quickWinAhead = options.quickWinAhead ?? 3;
  const n = scores.length;
  const check = (list: number[], name: string) => {
    for (const c of list) if (!Number.isInteger(c) || c < 0 || c >= n) throw new Error(`${name} city=${c} must be a row in 0..${n - 1}`);
  };
  check([city], 'analysed');
  check(input.peers, 'peer');
  scores.forEach((r, i) => {
    if (r.length !== itemIds.length) throw new Error(`scores row ${i} has ${r.length} values; must equal itemIds=${itemIds.length}`);
  });
  const notSelf = (l: number[]) => [...new Set(l)].filter((c) => c !== city);
  const peers = notSelf(input.peers);
  const comparable = notSelf(input.comparable ?? input.peers);
  check(comparable, 'comparable');
  const network = notSelf(input.network ?? scores.map((_, i) => i));
  check(network, 'network');

  return itemIds.map((item, j) => {
    const score = scores[city][j];
    const peerMedian = nanMedian(peers.map((c) => scores[c][j]));
    const networkMedian = nanMedian(network.map((c) => scores[c][j]));
    let best: Gap['best'] = null;
    let ahead = 0;
    for (const c of comparable) {
      const s = scores[c][j];
      if (Number.isNaN(s)) continue;
      if (!best || s > best.score || (s === best.score && c < best.city)) best = { city: c, score: s };
      if (!Number.isNaN(score) && s > score) ahead++;
    }
    const gapToPeerMedian = peerMedian - score;
    const quickWin = gapToPeerMedian >= 0 && gapToPeerMedian <= quickWinGap && ahead >= quickWinAhead;
    return { item, score, peerMedian, networkMedian, gapToPeerMedian, best, ahead, quickWin };
  });
}
