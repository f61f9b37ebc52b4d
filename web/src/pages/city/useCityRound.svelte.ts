/**
 * Loads a city and picks the round to show: ?round= if the city submitted to it, else the newest
 * analysable round it submitted to, else its newest submission.
 *
 * @example
 * const view = new CityRound(() => id);  view.city?.name;  view.round?.id
 */
import { api, type CityDetail, type Round } from '../../lib/api';
import { router } from '../../lib/router.svelte';
import { network } from '../../lib/state/network.svelte';

export class CityRound {
  city = $state<CityDetail | null>(null);
  error = $state<string | null>(null);
  submissionRounds = $derived(network.rounds.filter((r) => this.city?.submissions.some((s) => s.roundId === r.id)));
  round = $derived.by((): Round | undefined => {
    const wanted = Number(router.params.get('round'));
    const mine = this.submissionRounds;
    return mine.find((r) => r.id === wanted) ?? mine.find((r) => network.analysable.includes(r)) ?? mine[0] ?? network.defaultRound;
  });
  submissionId = $derived(this.city?.submissions.find((s) => s.roundId === this.round?.id)?.id);

  constructor(id: () => number) {
    $effect(() => {
      api.city(id()).then(
        (c) => (this.city = c),
        (e) => (this.error = e.status === 404 ? 'notFound' : e.message),
      );
    });
  }
}
