/**
 * URL → page. Pages are loaded on demand (one chunk each) so the first load stays small.
 *
 * @example
 * match('/cities/12/peers') // { load: () => import('./pages/Peers.svelte'), params: { id: 12 } }
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
];

export function match(path: string): { load: Loader; id?: number; section: string } {
  for (const [re, load, section] of table) {
    const m = re.exec(path);
    if (m) return { load, id: m[1] ? Number(m[1]) : undefined, section };
  }
  return { load: () => import('./pages/NotFound.svelte'), section: '' };
}
