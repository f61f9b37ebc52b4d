/**
 * The network being looked at (the first one: the demo network today), its rounds and members,
 * loaded once and shared by every page. Analysis pages default to the newest round that is no
 * longer collecting answers.
 *
 * @example
 * await network.ready;  network.defaultRound?.id // 2
 */
import { api, type CitySummary, type Network, type Round } from '../api';

class NetworkState {
  network = $state<Network | null>(null);
  rounds = $state<Round[]>([]);
  members = $state<CitySummary[]>([]);
  error = $state<string | null>(null);
  ready: Promise<void>;

  /** Rounds that have results to analyse (closed or later), newest first. */
  analysable = $derived(this.rounds.filter((r) => r.status !== 'draft' && r.submissionCount > 0 && r.status !== 'open'));
  defaultRound = $derived(this.analysable[0] ?? this.rounds[0]);

  constructor() {
    this.ready = this.#load().catch((e) => {
      this.error = e.message;
    });
  }

  async #load() {
    const { items } = await api.networks();
    this.network = items[0] ?? null;
    if (!this.network) return;
    const [rounds, members] = await Promise.all([api.rounds(this.network.id), api.members(this.network.id)]);
    this.rounds = rounds.items;
    this.members = members.items;
  }

  /** The round named in the URL if valid, else the default one. */
  roundFrom(params: URLSearchParams): Round | undefined {
    const id = Number(params.get('round'));
    return this.rounds.find((r) => r.id === id) ?? this.defaultRound;
  }
}

export const network = new NetworkState();
