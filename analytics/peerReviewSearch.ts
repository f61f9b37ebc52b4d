/**
 * Building blocks of the peer-review assignment (see peerReview.ts): the assignment state,
 * the hard-constraint checks, the greedy baseline and the feasibility-preserving local search.
 * Internal to the peer-review concept; not re-exported from index.ts.
 */
import type { Random } from './random';

/** Everything the search needs to know about one round, already validated. */
export interface ReviewContext {
  n: number;
  /** hosts that can in principle get a team, in the caller's priority order */
  hosts: number[];
  reviewers: number[];
  R: number;
  L: number;
  requireForeign: boolean;
  score(r: number, h: number): number;
  /** not self, candidate reviewer, shared language when required */
  eligible(r: number, h: number): boolean;
  foreign(r: number, h: number): boolean;
}

const EPS = 1e-12;

/** Teams (host → reviewers) with reviewer loads and a set of review edges r→h. */
export class Assignment {
  teams = new Map<number, number[]>();
  load = new Map<number, number>();
  private edges = new Set<number>();
  constructor(private readonly n: number) {}

  reviews(r: number, h: number): boolean {
    return this.edges.has(r * this.n + h);
  }
  add(r: number, h: number): void {
    const t = this.teams.get(h) ?? [];
    t.push(r);
    this.teams.set(h, t);
    this.load.set(r, (this.load.get(r) ?? 0) + 1);
    this.edges.add(r * this.n + h);
  }
  remove(r: number, h: number): void {
    const t = this.teams.get(h)!;
    t.splice(t.indexOf(r), 1);
    if (t.length === 0) this.teams.delete(h);
    this.load.set(r, this.load.get(r)! - 1);
    this.edges.delete(r * this.n + h);
  }
  dropTeam(h: number): void {
    for (const r of [...(this.teams.get(h) ?? [])]) this.remove(r, h);
  }
  loadOf(r: number): number {
    return this.load.get(r) ?? 0;
  }
}

/** Sum of scores over all teams. */
export function totalScore(ctx: ReviewContext, a: Assignment): number {
  let s = 0;
  for (const [h, team] of a.teams) for (const r of team) s += ctx.score(r, h);
  return s;
}

function hasForeign(ctx: ReviewContext, team: number[], h: number): boolean {
  return !ctx.requireForeign || team.some((r) => ctx.foreign(r, h));
}

/**
 * Builds a full team for host h from reviewers with spare capacity, best score first, or
 * returns null. Feasible by construction: eligibility, load ≤ L, no mutual review, a foreign
 * reviewer (the last seat is kept for one if none was chosen yet).
 */
export function buildTeam(ctx: ReviewContext, a: Assignment, h: number): number[] | null {
  const candidates = ctx.reviewers
    .filter((r) => ctx.eligible(r, h) && a.loadOf(r) < ctx.L && !a.reviews(h, r))
    .sort((x, y) => ctx.score(y, h) - ctx.score(x, h) || x - y);
  const team: number[] = [];
  for (const r of candidates) {
    if (team.length === ctx.R) break;
    if (team.length === ctx.R - 1 && !hasForeign(ctx, team, h) && !ctx.foreign(r, h)) continue;
    team.push(r);
  }
  return team.length === ctx.R && hasForeign(ctx, team, h) ? team : null;
}

/**
 * Greedy baseline: hosts in the given order, each takes its best feasible reviewers.
 * @example greedyAssignment(ctx) // Assignment with full, feasible teams only
 */
export function greedyAssignment(ctx: ReviewContext): Assignment {
  const a = new Assignment(ctx.n);
  for (const h of ctx.hosts) {
    const team = buildTeam(ctx, a, h);
    if (team) for (const r of team) a.add(r, h);
  }
  return a;
}

/** Lexicographic comparison (full teams, then score); > 0 when x is better. */
export function compareSolutions(ctx: ReviewContext, x: Assignment, y: Assignment): number {
  return x.teams.size - y.teams.size || (Math.abs(totalScore(ctx, x) - totalScore(ctx, y)) <= 1e-9 ? 0 : totalScore(ctx, x) - totalScore(ctx, y));
}

/**
 * Local search from a feasible assignment. Moves, each keeping every hard constraint:
 * add a full team for an unserved host (from spare capacity), replace one reviewer by one
 * with spare capacity, swap two reviewers between teams, exchange a served host for an
 * unserved one (its team built greedily from the freed capacity). Best-improvement; ties go to the
 * first move in a seeded host order. Only strictly improving moves are taken, so the result
 * is never worse (more full teams, else a higher score) than the start.
 */
export function improve(ctx: ReviewContext, a: Assignment, rng: Random, maxIterations = 10_000): Assignment {
  const order = rng.shuffle([...ctx.hosts]);
  for (let it = 0; it < maxIterations; it++) {
    // 1. more full teams first
    let added = false;
    for (const h of order) {
      if (a.teams.has(h)) continue;
      const team = buildTeam(ctx, a, h);
      if (team) { for (const r of team) a.add(r, h); added = true; }
    }
    if (added) continue;
    // 2. best replace / swap
    let best: { delta: number; apply: () => void } | null = null;
    const served = order.filter((h) => a.teams.has(h));
    for (const h of served) {
      const team = a.teams.get(h)!;
      for (const r of team) {
        const rest = team.filter((x) => x !== r);
        for (const r2 of ctx.reviewers) {
          if (r2 === r || team.includes(r2) || a.loadOf(r2) >= ctx.L || !ctx.eligible(r2, h) || a.reviews(h, r2)) continue;
          if (!hasForeign(ctx, [...rest, r2], h)) continue;
          const delta = ctx.score(r2, h) - ctx.score(r, h);
          if (delta > EPS && (!best || delta > best.delta + EPS)) best = { delta, apply: () => { a.remove(r, h); a.add(r2, h); } };
        }
      }
    }
    for (let x = 0; x < served.length; x++) {
      for (let y = x + 1; y < served.length; y++) {
        const h1 = served[x], h2 = served[y];
        const t1 = a.teams.get(h1)!, t2 = a.teams.get(h2)!;
        for (const r1 of t1) {
          for (const r2 of t2) {
            if (r1 === r2 || t2.includes(r1) || t1.includes(r2)) continue;
            if (!ctx.eligible(r1, h2) || !ctx.eligible(r2, h1) || a.reviews(h2, r1) || a.reviews(h1, r2)) continue;
            const delta = ctx.score(r1, h2) + ctx.score(r2, h1) - ctx.score(r1, h1) - ctx.score(r2, h2);
            if (!(delta > EPS && (!best || delta > best.delta + EPS))) continue;
            if (!hasForeign(ctx, [...t1.filter((v) => v !== r1), r2], h1) || !hasForeign(ctx, [...t2.filter((v) => v !== r2), r1], h2)) continue;
            best = { delta, apply: () => { a.remove(r1, h1); a.remove(r2, h2); a.add(r2, h1); a.add(r1, h2); } };
          }
        }
      }
    }
    // exchange: give a served host's seats to an unserved host when that scores higher
    const unserved = order.filter((h) => !a.teams.has(h));
    for (const h of unserved.length ? served : []) {
      const old = [...a.teams.get(h)!];
      const oldScore = old.reduce((s, r) => s + ctx.score(r, h), 0);
      a.dropTeam(h);
      for (const u of unserved) {
        const team = buildTeam(ctx, a, u);
        if (!team) continue;
        const delta = team.reduce((s, r) => s + ctx.score(r, u), 0) - oldScore;
        if (delta > EPS && (!best || delta > best.delta + EPS)) {
          best = { delta, apply: () => { a.dropTeam(h); for (const r of team) a.add(r, u); } };
        }
      }
      for (const r of old) a.add(r, h);
    }
    if (!best) break;
    best.apply();
  }
  return a;
}

/** Pairs of cities reviewing each other, as [a, b] with a < b. */
export function mutualPairs(a: Assignment): [number, number][] {
  const out: [number, number][] = [];
  for (const [h, team] of a.teams) for (const r of team) if (r > h && a.reviews(h, r)) out.push([h, r]);
  return out;
}
