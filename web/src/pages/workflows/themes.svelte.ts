/**
 * The network's key factors (indicators of the newest round's framework), to name a study
 * visit's theme or an action item's key factor.
 *
 * @example
 * const themes = new Themes();  await themes.load();  themes.label(17) // 'KF3 Leadership…'
 */
import { api, type Indicator } from '../../lib/api';
import { network } from '../../lib/state/network.svelte';

export class Themes {
  list = $state<Indicator[]>([]);

  async load(frameworkId = network.rounds[0]?.frameworkId) {
    if (!frameworkId) return;
    const fw = await api.framework(frameworkId);
    this.list = fw.areas.flatMap((a) => a.indicators);
  }

  label(id: number | null): string {
    if (id === null) return '';
    const i = this.list.find((x) => x.id === id);
    return i ? `${i.code} ${shorten(i.statement)}` : `#${id}`;
  }
}

export const shorten = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
