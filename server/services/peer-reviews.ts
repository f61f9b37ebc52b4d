/**
 * Peer reviews: read one or a network's list, create them by hand or from the round's suggested
 * plan (the secretariat), each with its team and one finding row per key factor (self-score taken
 * from the host's answer in the round). Each new review notifies the host (outbox).
 *
 * @example
 * await createPeerReview(access, mail, 1, { roundId: 3, hostCityId: 12, reviewerCityIds: [40, 41] });
 */
import { networkMemberCityIds } from '../../db/queries/networks';
import { hostAnswers, hostsWithOpenReview, insertPeerReview, networkPeerReviews, type MemberInsert } from '../../db/queries/peer-reviews';
import { findRound } from '../../db/queries/rounds';
import { frameworkIndicators } from '../../db/queries/frameworks';
import type { Access } from '../auth/access';
import { citiesWithRole } from '../auth/principal';
import { conflict, invalid, notFound, type FieldError } from '../errors';
import type { MailTransport } from '../mail';
import { roundPeerReviewPlan, type PeerReviewQuery } from './analytics/peer-review-plan';
import { audit } from './audit';
import { noticeHost, sendAll } from './host-notice';
import { STAGES, toReviewDto, visibleReview } from './peer-review-access';
import { getNetwork } from './networks';

export interface TeamInput {
  hostCityId: number;
  reviewerCityIds: number[];
  /** Members from NGOs or national agencies (no city). */
  otherMembers?: { organisation: string; personName?: string | null; role: 'reviewer' | 'lead_expert' | 'observer' }[];
  leadExpertName?: string | null;
  leadExpertEmail?: string | null;
}

export async function getPeerReview(access: Access, id: number) {
  return toReviewDto((await visibleReview(access, id)).review);
}

/** The secretariat sees every review of its network; city people those their city hosts or reviews. */
export async function listPeerReviews(access: Access, networkId: number) {
  await getNetwork(access.db, networkId);
  const own = access.isAdmin(networkId) ? undefined : citiesWithRole(access.principal, ['city_editor', 'city_viewer']);
  const rows = await networkPeerReviews(access.db, networkId, own);
  return rows.map(({ review, hostName }) => ({ ...review, hostName, nextStages: [...STAGES[review.stage]] }));
}

export async function createPeerReview(access: Access, mail: MailTransport, networkId: number, input: TeamInput & { roundId: number }) {
  await getNetwork(access.db, networkId);
  access.requireAdmin(networkId);
  const row = await findRound(access.db, input.roundId);
  if (!row || row.round.networkId !== networkId) throw invalid([{ pointer: 'body.roundId', detail: `round ${input.roundId} is not a round of network ${networkId}` }]);
  const [id] = await createTeams(access, mail, row.round, [input], 'manual', (i, field) => `body.${field}`);
  return getPeerReview(access, id);
}

/**
 * Turns the round's suggested plan into reviews in one step: the teams given in the body (accepted
 * or adjusted by the secretariat), else the plan computed with the same parameters as
 * GET /rounds/{id}/peer-review-plan. All or nothing.
 */
export async function createPeerReviewsFromPlan(access: Access, mail: MailTransport, roundId: number, query: PeerReviewQuery, teams: TeamInput[] | undefined) {
  const row = await findRound(access.db, roundId);
  if (!row || (await access.roundView(row.round)) === 'none') throw notFound('round', roundId);
  access.requireAdmin(row.round.networkId);
  let unassigned: { host: { cityId: number; name: string }; reason: string }[] = [];
  if (!teams) {
    const plan = await roundPeerReviewPlan(access, roundId, query);
    teams = plan.teams.map((t) => ({ hostCityId: t.host.cityId, reviewerCityIds: t.reviewers.map((r) => r.cityId) }));
    unassigned = plan.unassigned;
  }
  if (teams.length === 0) throw conflict(`The plan for round ${roundId} forms no team; adjust its parameters or send the teams`, { unassigned });
  const ids = await createTeams(access, mail, row.round, teams, 'plan', (i, field) => `body.teams.${i}.${field}`);
  return { created: await Promise.all(ids.map((id) => getPeerReview(access, id))), unassigned };
}

type RoundRow = { id: number; networkId: number; frameworkId: number; name: string };

async function createTeams(access: Access, mail: MailTransport, round: RoundRow, teams: TeamInput[], origin: 'plan' | 'manual', pointer: (i: number, field: string) => string) {
  const members = new Set(await networkMemberCityIds(access.db, round.networkId));
  const errors: FieldError[] = [];
  const hosts = new Set<number>();
  teams.forEach((t, i) => {
    if (!members.has(t.hostCityId)) errors.push({ pointer: pointer(i, 'hostCityId'), detail: `city ${t.hostCityId} is not a member of the network` });
    if (hosts.has(t.hostCityId)) errors.push({ pointer: pointer(i, 'hostCityId'), detail: `city ${t.hostCityId} hosts two teams` });
    hosts.add(t.hostCityId);
    if (new Set(t.reviewerCityIds).size !== t.reviewerCityIds.length) errors.push({ pointer: pointer(i, 'reviewerCityIds'), detail: 'a city is named twice' });
    t.reviewerCityIds.forEach((c, k) => {
      if (c === t.hostCityId) errors.push({ pointer: pointer(i, `reviewerCityIds.${k}`), detail: 'a city cannot review itself' });
      else if (!members.has(c)) errors.push({ pointer: pointer(i, `reviewerCityIds.${k}`), detail: `city ${c} is not a member of the network` });
    });
  });
  if (errors.length > 0) throw invalid(errors);
  const busy = await hostsWithOpenReview(access.db, round.id, [...hosts]);
  if (busy.length > 0) throw conflict(`Cities ${busy.join(', ')} already have a peer review in round ${round.id} (cancel it first)`, { hosts: busy });
  const indicators = await frameworkIndicators(access.db, round.frameworkId);
  const answers = await Promise.all(teams.map((t) => hostAnswers(access.db, round.id, t.hostCityId)));
  const { ids, messages } = await access.db.transaction(async (tx) => {
    const ids: number[] = [];
    const messages = [];
    for (const [i, t] of teams.entries()) {
      const team: MemberInsert[] = [
        ...t.reviewerCityIds.map((cityId) => ({ cityId, role: 'reviewer' as const })),
        ...(t.otherMembers ?? []).map((m) => ({ cityId: null, organisation: m.organisation, personName: m.personName ?? null, role: m.role })),
      ];
      const findings = indicators.map((ind) => ({ indicatorId: ind.id, selfScore: answers[i].get(ind.id) ?? null }));
      const review = await insertPeerReview(tx, { networkId: round.networkId, roundId: round.id, hostCityId: t.hostCityId, origin, leadExpertName: t.leadExpertName ?? null, leadExpertEmail: t.leadExpertEmail ?? null }, team, findings);
      await audit(tx, access, { action: 'peer_review.create', entityType: 'peer_review', entityId: review.id, networkId: round.networkId, cityId: t.hostCityId, newValue: { stage: review.stage, origin, roundId: round.id, hostCityId: t.hostCityId, team } });
      messages.push(
        ...(await noticeHost(tx, {
          kind: 'peer_review.request',
          networkId: round.networkId,
          hostCityId: t.hostCityId,
          subject: `Peer review planned for your city (${round.name})`,
          body: `The secretariat has planned a peer review of your city in ${round.name} with reviewers from ${t.reviewerCityIds.length} cities. Open peer review ${review.id} in CityPeers to start the self-assessment.`,
        })),
      );
      ids.push(review.id);
    }
    return { ids, messages };
  });
  await sendAll(mail, messages);
  return ids;
}
