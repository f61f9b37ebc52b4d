/**
 * The secretariat's adjustments to a peer-review plan, kept in the URL as `swap=host:old:new,…`,
 * applied to the computed teams (a swapped-in reviewer has no computed similarity: null).
 *
 * @example
 * parseSwaps('12:7:9') // [{ host: 12, from: 7, to: 9 }]
 */
import type { PeerReviewPlan } from '../../lib/api';

export interface Swap { host: number; from: number; to: number }
export interface Reviewer { cityId: number; name: string; countryCode: string; similarity: number | null; strength: number | null; adjusted: boolean }
export interface Team { host: PeerReviewPlan['teams'][number]['host']; score: number; reviewers: Reviewer[] }

export function parseSwaps(s: string | null): Swap[] {
  return (s ?? '').split(',').map((x) => x.split(':').map(Number)).filter((x) => x.length === 3 && x.every((n) => n > 0)).map(([host, from, to]) => ({ host, from, to }));
}

export const formatSwaps = (swaps: Swap[]) => swaps.map((s) => `${s.host}:${s.from}:${s.to}`).join(',');

export function applySwaps(plan: PeerReviewPlan, swaps: Swap[], nameOf: (id: number) => { name: string; countryCode: string } | undefined): Team[] {
  return plan.teams.map((team) => {
    const reviewers: Reviewer[] = team.reviewers.map((r) => ({ cityId: r.cityId, name: r.name, countryCode: r.countryCode, similarity: r.similarity, strength: r.strength, adjusted: false }));
    for (const s of swaps.filter((x) => x.host === team.host.cityId)) {
      const i = reviewers.findIndex((r) => r.cityId === s.from);
      const city = nameOf(s.to);
      if (i >= 0 && city) reviewers[i] = { cityId: s.to, ...city, similarity: null, strength: null, adjusted: true };
    }
    return { host: team.host, score: team.score, reviewers };
  });
}

/** How many teams each reviewer city is on (to flag overloads after swaps). */
export function loads(teams: Team[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const t of teams) for (const r of t.reviewers) m.set(r.cityId, (m.get(r.cityId) ?? 0) + 1);
  return m;
}
