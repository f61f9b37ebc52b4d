/**
 * URL → page. Pages are loaded on demand (one chunk each) so the first load stays small.
 *
 * @example
 * match('/cities/12/peers') // { load: () => import('./pages/Peers.svelte'), id: 12, token: '12', section: 'city' }
 */
import type { Component } from 'svelte';

type Loader = () => Promise<{ default: Component<any> }>;
const table: [RegExp, Loader, string][] = [
  [/^\/$/, () => import('./pages/Home.svelte'), 'overview'],
  [/^\/cities\/(\d+)\/?$/, () => import('./pages/City.svelte'), 'city'],
  [/^\/cities\/(\d+)\/peers\/?$/, () => import('./pages/Peers.svelte'), 'city'],
  [/^\/compare\/?$/, () => import('./pages/Compare.svelte'), 'compare'],
  [/^\/clusters\/?$/, () => import('./pages/Clusters.svelte'), 'clusters'],
  [/^\/assess\/?$/, () => import('./pages/Assess.svelte'), 'assess'],
  [/^\/submissions\/(\d+)\/edit\/?$/, () => import('./pages/AssessForm.svelte'), 'assess'],
  [/^\/research\/?$/, () => import('./pages/Research.svelte'), 'research'],
  [/^\/about\/?$/, () => import('./pages/About.svelte'), 'about'],
  [/^\/login\/?$/, () => import('./pages/Login.svelte'), 'account'],
  [/^\/invite\/([A-Za-z0-9_-]{10,200})\/?$/, () => import('./pages/Invite.svelte'), 'account'],
  [/^\/account\/?$/, () => import('./pages/Account.svelte'), 'account'],
  [/^\/peer-reviews\/?$/, () => import('./pages/workflows/PeerReviews.svelte'), 'peer-reviews'],
  [/^\/peer-reviews\/(\d+)\/?$/, () => import('./pages/workflows/PeerReview.svelte'), 'peer-reviews'],
  [/^\/study-visits\/?$/, () => import('./pages/workflows/StudyVisits.svelte'), 'study-visits'],
  [/^\/cities\/(\d+)\/action-plans\/?$/, () => import('./pages/workflows/ActionPlans.svelte'), 'city'],
  [/^\/secretariat\/?$/, () => import('./pages/secretariat/Rounds.svelte'), 'secretariat'],
  [/^\/secretariat\/rounds\/(\d+)\/?$/, () => import('./pages/secretariat/Round.svelte'), 'secretariat'],
  [/^\/secretariat\/rounds\/(\d+)\/peer-review\/?$/, () => import('./pages/secretariat/PeerReviewPlan.svelte'), 'secretariat'],
  [/^\/secretariat\/members\/?$/, () => import('./pages/secretariat/Members.svelte'), 'secretariat'],
  [/^\/secretariat\/members\/(\d+)\/?$/, () => import('./pages/secretariat/Membership.svelte'), 'secretariat'],
  [/^\/secretariat\/outbox\/?$/, () => import('./pages/secretariat/Outbox.svelte'), 'secretariat'],
  [/^\/secretariat\/audit\/?$/, () => import('./pages/secretariat/Audit.svelte'), 'secretariat'],
];

/** `id` is the number in the path; `token` the same segment as text (invitation links). */
export function match(path: string): { load: Loader; id?: number; token?: string; section: string } {
  for (const [re, load, section] of table) {
    const m = re.exec(path);
    if (m) return { load, id: m[1] && /^\d+$/.test(m[1]) ? Number(m[1]) : undefined, token: m[1], section };
  }
  return { load: () => import('./pages/NotFound.svelte'), section: '' };
}
