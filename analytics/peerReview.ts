/**
 * Peer-review team assignment for one round.
 *
 * Method: (1) a min-cost max-flow (source → reviewer, cap L; reviewer → host, cap 1, cost
 * −score; host → sink, cap R) where each host is split into a "foreign" and a "domestic"
 * entry and the domestic entry is capped at R−1, so every full team necessarily has a
 * reviewer from another country. Hosts left with a partial team are dropped one at a time
 * and the flow re-solved; when two cities review each other, the search branches on which
 * direction to forbid (weaker first; lazy constraint generation with a small budget of
 * re-solves), until every team is full and no two cities review each other. (2) A deterministic, seeded local search (add team / replace /
 * swap moves) that keeps every hard constraint and only takes strictly improving moves.
 * (3) The same local search from the greedy solution (always for rounds with hosts ×
 * reviewers ≤ 2500, else only when (2) does not beat greedy); the better one is returned: the result is never worse than greedy
 * (more full teams, then a higher total score).
 */
import { minCostFlow, type FlowEdge } from './minCostFlow';
import { createRandom } from './random';
import {
  Assignment, buildTeam, compareSolutions, greedyAssignment, improve, mutualPairs, totalScore, type ReviewContext,
} from './peerReviewSearch';

export type PairValues = number[][] | ((i: number, j: number) => number);

export interface PeerReviewInput {
  /** cities (indices into countries) asking for a review, in priority order */
  hosts: number[];
  /** cities that may serve as reviewers */
  reviewers: number[];
  /** context similarity sim(reviewer, host) in [0, 1] */
  similarity: PairValues;
  /** reviewer strength on the host's weak factors, strength(reviewer, host) in [0, 1] */
  strength: PairValues;
  /** country code of every city; its length is the number of cities */
  countries: string[];
  /** working languages of every city (needed when sharedLanguage is on) */
  languages?: string[][];
}

export interface PeerReviewOptions {
  /** R, default 3 */
  reviewersPerHost?: number;
  /** L, default 2 */
  maxReviewsPerCity?: number;
  /** score = alpha·similarity + (1−alpha)·strength; default 0.5 */
  alpha?: number;
  /** default true */
  requireForeignReviewer?: boolean;
  /** reviewer must share ≥ 1 working language with the host; default false */
  sharedLanguage?: boolean;
  /** tie-breaking seed of the local search; default 1 */
  seed?: number;
}

export interface ReviewerPick { city: number; score: number; similarity: number; strength: number }
export interface Team { host: number; reviewers: ReviewerPick[]; score: number }

export interface PeerReviewResult {
  teams: Team[];
  /** total score of all (full) teams */
  objective: number;
  greedyObjective: number;
  /** full teams formed by this method and by the greedy baseline */
  teamsFormed: number;
  greedyTeamsFormed: number;
  unassigned: { host: number; reason: string }[];
  /** review slots offered (reviewers × L) and needed (hosts × R) */
  capacity: { slots: number; needed: number };
  method: string;
}

const pairFn = (v: PairValues, name: string, n: number) => {
  if (typeof v === 'function') return v;
  if (v.length !== n || v.some((row) => row.length !== n)) throw new Error(`${name} must be a ${n}×${n} matrix (one row and column per city)`);
  return (i: number, j: number) => v[i][j];
};

function checkCities(list: number[], name: string, n: number): void {
  const seen = new Set<number>();
  for (const c of list) {
    if (!Number.isInteger(c) || c < 0 || c >= n) throw new Error(`${name} city=${c} must be an index in 0..${n - 1}`);
    if (seen.has(c)) throw new Error(`${name} city=${c} is listed twice`);
    seen.add(c);
  }
}

/**
 * Assigns a review team to every host that can get one.
 * @example
 * assignPeerReviews({ hosts: [0, 1], reviewers: [0, 1, 2, 3], countries: ['NO', 'SE', 'DK', 'DE'],
 *   similarity: (i, j) => 1 - Math.abs(i - j) / 4, strength: () => 0.5 },
 *   { reviewersPerHost: 2, maxReviewsPerCity: 1 })
 * // 4 slots for 4 seats, but serving both hosts forces 0 and 1 to review each other, so one team:
 * // → teams [{ host: 1, reviewers: [city 0, city 2], score: 1.25 }], objective 1.25 (greedy: host 0, 1.125),
 * //   unassigned [{ host: 0, reason: 'mutual-review rule: 1 of the 2 reviewers with capacity left are reviewed by host 0 …' }]
 */
export function assignPeerReviews(input: PeerReviewInput, options: PeerReviewOptions = {}): PeerReviewResult {
  const n = input.countries.length;
  const R = options.reviewersPerHost ?? 3;
  const L = options.maxReviewsPerCity ?? 2;
  const alpha = options.alpha ?? 0.5;
  const requireForeign = options.requireForeignReviewer ?? true;
  const sharedLanguage = options.sharedLanguage ?? false;
  if (!Number.isInteger(R) || R < 1) throw new Error(`reviewersPerHost=${R} must be an integer >= 1`);
  if (!Number.isInteger(L) || L < 0) throw new Error(`maxReviewsPerCity=${L} must be an integer >= 0`);
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`alpha=${alpha} must be within 0..1`);
  checkCities(input.hosts, 'host', n);
  checkCities(input.reviewers, 'reviewer', n);
  if (sharedLanguage && (!input.languages || input.languages.length !== n)) {
    throw new Error(`sharedLanguage needs languages for all ${n} cities (got ${input.languages?.length ?? 0})`);
  }
  const simOf = pairFn(input.similarity, 'similarity', n);
  const strOf = pairFn(input.strength, 'strength', n);
  const checked = (f: (i: number, j: number) => number, name: string) => (r: number, h: number) => {
    const v = f(r, h);
    if (!(v >= 0 && v <= 1)) throw new Error(`${name}(reviewer ${r}, host ${h})=${v} must be within 0..1`);
    return v;
  };
  const sim = checked(simOf, 'similarity');
  const str = checked(strOf, 'strength');
  const isReviewer = new Set(input.reviewers);
  const langOk = (r: number, h: number) => !sharedLanguage || input.languages![r].some((l) => input.languages![h].includes(l));
  const cache = new Map<number, number>();
  const ctx: ReviewContext = {
    n, R, L, requireForeign, reviewers: [...input.reviewers], hosts: [],
    score: (r, h) => {
      const k = r * n + h;
      let s = cache.get(k);
      if (s === undefined) cache.set(k, (s = alpha * sim(r, h) + (1 - alpha) * str(r, h)));
      return s;
    },
    eligible: (r, h) => r !== h && isReviewer.has(r) && langOk(r, h),
    foreign: (r, h) => input.countries[r] !== input.countries[h],
  };

  // hosts that cannot get a team whatever the others do
  const unassigned: { host: number; reason: string }[] = [];
  const impossible = new Map<number, string>();
  for (const h of input.hosts) {
    const eligible = ctx.reviewers.filter((r) => ctx.eligible(r, h) && L > 0);
    if (eligible.length < R) {
      const self = isReviewer.has(h) ? 1 : 0;
      const noLang = sharedLanguage ? ctx.reviewers.filter((r) => r !== h && !langOk(r, h)).length : 0;
      const why = [L === 0 ? 'maxReviewsPerCity=0' : '', self ? '1 is the host itself' : '', noLang ? `${noLang} share no working language with host ${h}` : '']
        .filter(Boolean).join(', ');
      impossible.set(h, `reviewersPerHost=${R} must be <= eligible reviewers=${eligible.length} for host ${h}` +
        ` (of ${ctx.reviewers.length} candidates${why ? `: ${why}` : ''})`);
    } else if (requireForeign && !eligible.some((r) => ctx.foreign(r, h))) {
      impossible.set(h, `host ${h} needs a reviewer from a country other than ${input.countries[h]}, but all ${eligible.length} eligible reviewers are from ${input.countries[h]}`);
    }
  }
  ctx.hosts = input.hosts.filter((h) => !impossible.has(h));
  const capacity = { slots: ctx.reviewers.length * L, needed: input.hosts.length * R };

  const flowStart = flowAssignment(ctx);
  const rng = createRandom(options.seed ?? 1);
  const greedy = greedyAssignment(ctx);
  const greedyObjective = totalScore(ctx, greedy);
  const greedyTeamsFormed = greedy.teams.size;
  const fromFlow = improve(ctx, flowStart.assignment, rng);
  // the greedy start is also searched for small rounds, and for large ones when the flow's local optimum does not beat greedy
  const small = ctx.hosts.length * ctx.reviewers.length <= 2500;
  const fromGreedy = !small && compareSolutions(ctx, fromFlow, greedy) >= 0
    ? null
    : improve(ctx, greedyAssignment(ctx), createRandom((options.seed ?? 1) + 1));
  const flowWins = !fromGreedy || compareSolutions(ctx, fromFlow, fromGreedy) >= 0;
  const best = flowWins ? fromFlow : fromGreedy!;

  const teams: Team[] = input.hosts.filter((h) => best.teams.has(h)).map((h) => {
    const reviewers = best.teams.get(h)!
      .map((r) => ({ city: r, score: ctx.score(r, h), similarity: sim(r, h), strength: str(r, h) }))
      .sort((a, b) => b.score - a.score || a.city - b.city);
    return { host: h, reviewers, score: reviewers.reduce((s, r) => s + r.score, 0) };
  });
  for (const h of input.hosts) {
    if (best.teams.has(h)) continue;
    unassigned.push({ host: h, reason: impossible.get(h) ?? explain(ctx, best, h, capacity, input.countries) });
  }
  const method = `min-cost max-flow (successive shortest paths, SPFA; ${flowStart.rounds} solves, ` +
    `best leaf: ${flowStart.forbidden} mutual-review directions forbidden, ${flowStart.dropped} partial hosts dropped) + seeded local search ` +
    `(add-team/replace/swap); ${flowWins ? 'flow start kept' : 'greedy start gave the better local optimum'}`;
  return {
    teams, objective: totalScore(ctx, best), greedyObjective, teamsFormed: best.teams.size, greedyTeamsFormed,
    unassigned, capacity, method,
  };
}

/** Why host h ended without a team in the final assignment. */
function explain(ctx: ReviewContext, a: Assignment, h: number, capacity: { slots: number; needed: number }, countries: string[]): string {
  const eligible = ctx.reviewers.filter((r) => ctx.eligible(r, h));
  const free = eligible.filter((r) => a.loadOf(r) < ctx.L);
  const usable = free.filter((r) => !a.reviews(h, r));
  const shortage = capacity.slots < capacity.needed
    ? `; the round offers ${capacity.slots} review slots (reviewers=${ctx.reviewers.length} × maxReviewsPerCity=${ctx.L}) for ${capacity.needed} needed (hosts × reviewersPerHost=${ctx.R})`
    : '';
  if (free.length < ctx.R) {
    return `reviewer capacity exhausted: only ${free.length} of ${eligible.length} eligible reviewers of host ${h} have capacity left ` +
      `(maxReviewsPerCity=${ctx.L}), a team needs reviewersPerHost=${ctx.R}${shortage}`;
  }
  if (usable.length < ctx.R) {
    return `mutual-review rule: ${free.length - usable.length} of the ${free.length} reviewers with capacity left are reviewed by host ${h} ` +
      `in this round, leaving ${usable.length} < reviewersPerHost=${ctx.R}`;
  }
  return `foreign-reviewer rule: the ${usable.length} reviewers still available for host ${h} are all from ${countries[h]}`;
}

/**
 * Step (1): flow with partial hosts dropped one at a time (see `settle`); when two cities review
 * each other, branch on which direction to forbid (weaker direction first) and re-solve. The
 * first branch is always followed to a feasible leaf; second branches are explored while the
 * budget of settled flows lasts. The best leaf (full teams, then score) is returned.
 */
function flowAssignment(ctx: ReviewContext, budget = 48): { assignment: Assignment; rounds: number; forbidden: number; dropped: number } {
  let best: { assignment: Assignment; forbidden: number; dropped: number } | null = null;
  let rounds = 0;
  const visit = (forbidden: Set<number>): void => {
    const { a, dropped, solves } = settle(ctx, forbidden);
    rounds += solves;
    const pairs = mutualPairs(a);
    if (pairs.length === 0) {
      if (!best || compareSolutions(ctx, a, best.assignment) > 0) best = { assignment: a, forbidden: forbidden.size, dropped };
      return;
    }
    const [x, y] = pairs[0];
    const sxy = ctx.score(x, y), syx = ctx.score(y, x);
    const weaker = sxy < syx || (sxy === syx && x > y) ? x * ctx.n + y : y * ctx.n + x;
    const stronger = weaker === x * ctx.n + y ? y * ctx.n + x : x * ctx.n + y;
    visit(new Set([...forbidden, weaker]));
    if (rounds < budget) visit(new Set([...forbidden, stronger]));
  };
  visit(new Set());
  const b = best as unknown as { assignment: Assignment; forbidden: number; dropped: number };
  return { ...b, rounds };
}

/** Solves the flow, dropping the hosts furthest from a full team until every remaining team is full. */
function settle(ctx: ReviewContext, forbidden: Set<number>): { a: Assignment; dropped: number; solves: number } {
  const active = new Set(ctx.hosts);
  for (let solves = 1; ; solves++) {
    const hosts = ctx.hosts.filter((h) => active.has(h));
    const a = solveFlow(ctx, hosts, forbidden);
    const partial = hosts.filter((h) => (a.teams.get(h)?.length ?? 0) < ctx.R);
    if (partial.length === 0) return { a, dropped: ctx.hosts.length - hosts.length, solves };
    // drop the host furthest from a full team (then the weaker team, then the later in priority)
    const size = (h: number) => a.teams.get(h)?.length ?? 0;
    const teamScore = (h: number) => (a.teams.get(h) ?? []).reduce((s, r) => s + ctx.score(r, h), 0);
    partial.sort((x, y) => size(x) - size(y) || teamScore(x) - teamScore(y) || hosts.indexOf(y) - hosts.indexOf(x));
    // the maximum flow seats at most floor(flow / R) full teams: drop at least the surplus at once
    const seated = hosts.reduce((s, h) => s + size(h), 0);
    const surplus = Math.max(1, hosts.length - Math.floor(seated / ctx.R));
    for (const h of partial.slice(0, surplus)) active.delete(h);
  }
}

function solveFlow(ctx: ReviewContext, hosts: number[], forbidden: Set<number>): Assignment {
  const a = new Assignment(ctx.n);
  if (hosts.length === 0 || ctx.L === 0) return a;
  const m = ctx.reviewers.length;
  const source = 0, sink = 1;
  const revNode = (i: number) => 2 + i;
  const hostNode = (k: number) => 2 + m + 3 * k; // +1 foreign entry, +2 domestic entry
  const edges: FlowEdge[] = [];
  const pairOf: [number, number][] = [];
  ctx.reviewers.forEach((_, i) => edges.push({ from: source, to: revNode(i), capacity: ctx.L, cost: 0 }));
  hosts.forEach((h, k) => {
    ctx.reviewers.forEach((r, i) => {
      if (!ctx.eligible(r, h) || forbidden.has(r * ctx.n + h)) return;
      const entry = !ctx.requireForeign || ctx.foreign(r, h) ? 1 : 2;
      pairOf[edges.length] = [r, h];
      edges.push({ from: revNode(i), to: hostNode(k) + entry, capacity: 1, cost: -ctx.score(r, h) });
    });
    edges.push({ from: hostNode(k) + 1, to: hostNode(k), capacity: ctx.R, cost: 0 });
    edges.push({ from: hostNode(k) + 2, to: hostNode(k), capacity: ctx.requireForeign ? ctx.R - 1 : ctx.R, cost: 0 });
    edges.push({ from: hostNode(k), to: sink, capacity: ctx.R, cost: 0 });
  });
  const res = minCostFlow({ nodes: 2 + m + 3 * hosts.length, edges, source, sink });
  res.edgeFlow.forEach((f, e) => {
    if (f > 0 && pairOf[e]) a.add(pairOf[e][0], pairOf[e][1]);
  });
  return a;
}
