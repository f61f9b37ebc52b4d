/**
 * Study visits: a member city asks a host city to show it how it works on a theme (an indicator).
 * Requests come by hand (the visiting city's editor or the secretariat) or in one step from the
 * planner's suggestions (for one city, or the whole round by the secretariat). A host full for the
 * year (its capacity, default 3, counts accepted, scheduled and completed visits) answers 409;
 * every request notifies the host (outbox).
 *
 * @example
 * await requestStudyVisit(access, mail, 1, { hostCityId: 12, indicatorId: 5, year: 2025 });
 */
import { networkMemberCityIds } from '../../db/queries/networks';
import { frameworkIndicators } from '../../db/queries/frameworks';
import { findRound } from '../../db/queries/rounds';
import { committedVisits, hostCapacity, indicatorInNetwork, insertStudyVisit, networkStudyVisits, openDuplicate } from '../../db/queries/study-visits';
import type { Access } from '../auth/access';
import { canEditCity, citiesWithRole } from '../auth/principal';
import { conflict, invalid, type FieldError } from '../errors';
import type { MailTransport } from '../mail';
import { cityStudyVisits, roundStudyVisits, type StudyVisitQuery } from './analytics/study-visits';
import { audit } from './audit';
import { noticeHost, sendAll } from './host-notice';
import { getNetwork } from './networks';
import { toVisitDto, visibleVisit } from './study-visit-access';

export interface VisitRequest {
  visitorCityId?: number;
  hostCityId: number;
  indicatorId: number | null;
  year: number;
}

export async function getStudyVisit(access: Access, id: number) {
  return toVisitDto((await visibleVisit(access, id)).visit);
}

/** The secretariat sees the network's visits; city people those their city makes or hosts. */
export async function listStudyVisits(access: Access, networkId: number) {
  await getNetwork(access.db, networkId);
  const own = access.isAdmin(networkId) ? undefined : citiesWithRole(access.principal, ['city_editor', 'city_viewer']);
  return (await networkStudyVisits(access.db, networkId, own)).map(toVisitDto);
}

export async function requestStudyVisit(access: Access, mail: MailTransport, networkId: number, input: VisitRequest) {
  await getNetwork(access.db, networkId);
  if (input.visitorCityId === undefined && access.isAdmin(networkId)) throw invalid([{ pointer: 'body.visitorCityId', detail: 'a secretariat must name the visiting city' }]);
  const visitor = input.visitorCityId ?? soleEditedCity(access);
  if (!access.isAdmin(networkId) && !canEditCity(access.principal, visitor)) access.deny(`Only city ${visitor}'s editors or the secretariat can request its visits`);
  const members = new Set(await networkMemberCityIds(access.db, networkId));
  const errors: FieldError[] = [];
  if (!members.has(visitor)) errors.push({ pointer: 'body.visitorCityId', detail: `city ${visitor} is not a member of network ${networkId}` });
  if (!members.has(input.hostCityId)) errors.push({ pointer: 'body.hostCityId', detail: `city ${input.hostCityId} is not a member of network ${networkId}` });
  if (input.hostCityId === visitor) errors.push({ pointer: 'body.hostCityId', detail: 'a city cannot visit itself' });
  if (input.indicatorId !== null && !(await indicatorInNetwork(access.db, input.indicatorId, networkId))) errors.push({ pointer: 'body.indicatorId', detail: `indicator ${input.indicatorId} is not part of a framework this network uses` });
  if (errors.length > 0) throw invalid(errors);
  const { created, skipped } = await insertRequests(access, mail, networkId, [{ ...input, visitorCityId: visitor }], 'manual');
  if (skipped.length > 0) throw conflict(skipped[0].reason, { hostCityId: input.hostCityId, year: input.year });
  return getStudyVisit(access, created[0]);
}

function soleEditedCity(access: Access): number {
  const own = citiesWithRole(access.principal, ['city_editor']);
  if (own.length !== 1) {
    if (own.length === 0) access.deny('Only a city editor or the secretariat can request a study visit');
    throw invalid([{ pointer: 'body.visitorCityId', detail: `you edit several cities (${own.join(', ')}); name one` }]);
  }
  return own[0];
}

/** One city's suggested visits become requests (its editor or the secretariat); duplicates and full hosts are skipped. */
export async function cityVisitsFromPlan(access: Access, mail: MailTransport, cityId: number, q: StudyVisitQuery & { round?: number; year?: number }) {
  const plan = await cityStudyVisits(access, cityId, q);
  const networkId = (await findRound(access.db, plan.meta.round.id))!.round.networkId;
  if (!access.isAdmin(networkId) && !canEditCity(access.principal, cityId)) access.deny(`Only city ${cityId}'s editors or the secretariat can request its visits`);
  return fromPlan(access, mail, plan.meta.round.id, plan, q.year);
}

/** The whole round's plan becomes requests (secretariat only). */
export async function roundVisitsFromPlan(access: Access, mail: MailTransport, roundId: number, q: StudyVisitQuery & { year?: number }) {
  const plan = await roundStudyVisits(access, roundId, q);
  const round = (await findRound(access.db, roundId))!.round;
  access.requireAdmin(round.networkId);
  return fromPlan(access, mail, roundId, plan, q.year);
}

type Plan = Awaited<ReturnType<typeof roundStudyVisits>>;

/** The plan's visits (themes named by indicator code) as requests for `year` (default: the year after the round). */
async function fromPlan(access: Access, mail: MailTransport, roundId: number, plan: Plan, year: number | undefined) {
  const round = (await findRound(access.db, roundId))!.round;
  const idOf = new Map((await frameworkIndicators(access.db, round.frameworkId)).map((i) => [i.code, i.id]));
  const requests = plan.cities.flatMap((c) => c.visits.map((v) => ({ visitorCityId: c.cityId, hostCityId: v.host.cityId, indicatorId: idOf.get(v.indicator) ?? null, year: year ?? round.year + 1 })));
  const networkId = round.networkId;
  const { created, skipped } = await insertRequests(access, mail, networkId, requests, 'planner');
  return { created: await Promise.all(created.map((id) => getStudyVisit(access, id))), skipped };
}

async function insertRequests(access: Access, mail: MailTransport, networkId: number, requests: Required<VisitRequest>[], origin: 'manual' | 'planner') {
  const skipped: (Required<VisitRequest> & { reason: string })[] = [];
  const { created, messages } = await access.db.transaction(async (tx) => {
    const created: number[] = [];
    const messages = [];
    for (const r of requests) {
      const v = { networkId, ...r };
      const duplicate = await openDuplicate(tx, v);
      if (duplicate !== undefined) {
        skipped.push({ ...r, reason: `City ${r.visitorCityId} already has an open request (study visit ${duplicate}) to city ${r.hostCityId} on this theme in ${r.year}` });
        continue;
      }
      const capacity = await hostCapacity(tx, networkId, r.hostCityId, r.year);
      if ((await committedVisits(tx, networkId, r.hostCityId, r.year)) >= capacity) {
        skipped.push({ ...r, reason: `City ${r.hostCityId} is full for ${r.year} (capacity ${capacity} visits)` });
        continue;
      }
      const visit = await insertStudyVisit(tx, { ...v, origin });
      await audit(tx, access, { action: 'study_visit.request', entityType: 'study_visit', entityId: visit.id, networkId, cityId: r.visitorCityId, newValue: { status: visit.status, origin, ...r } });
      messages.push(
        ...(await noticeHost(tx, {
          kind: 'study_visit.request',
          networkId,
          hostCityId: r.hostCityId,
          subject: `Study visit request for ${r.year}`,
          body: `City ${r.visitorCityId} asks to visit your city in ${r.year}${r.indicatorId === null ? '' : ` to learn about indicator ${r.indicatorId}`}. Accept or decline study visit ${visit.id} in CityPeers.`,
        })),
      );
      created.push(visit.id);
    }
    return { created, messages };
  });
  await sendAll(mail, messages);
  return { created, skipped };
}
