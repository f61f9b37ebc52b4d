/**
 * Demo memberships of the demo network: statuses, dates, fees and coordinator contacts.
 * Cities named in the source documents are always members; the rest get mixed statuses.
 *
 * @example
 * const m = buildMemberships({ networkId: 1, cities, nextId: { membership, event, fee } });
 */
import type { membershipEvents, membershipFees, memberships } from '../db/schema';
import type { CityRecord } from './data';
import { seededRandom } from './random';

type MembershipRow = typeof memberships.$inferInsert;
type EventRow = typeof membershipEvents.$inferInsert;
type FeeRow = typeof membershipFees.$inferInsert;

/** Urban Audit codes (and Copenhagen by name) of the cities named in the source documents. */
export const DOCUMENT_CITY_CODES = new Set([
  'NO001C', 'DE001C', 'DE003C', 'ES002C', 'FR007C', 'IE001C', 'UK001C', 'BE001C', 'DE014C', 'ES001C', 'IT007C',
  'FI002C', 'FR002C', 'UK005C', 'NL037C', 'UK006C', 'IT002C', 'NL001C', 'UK003C', 'IT001C', 'FI001C', 'NL017C',
]);
export const isDocumentCity = (c: CityRecord) => (c.eurostatCode ? DOCUMENT_CITY_CODES.has(c.eurostatCode) : c.name === 'Copenhagen');

/** ASCII slug of a city name, e.g. "München" → "munchen". */
export function citySlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const pad = (n: number) => String(n).padStart(2, '0');
const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const ts = (day: string) => `${day}T10:00:00.000Z`;

function fee(population: number): number {
  if (population >= 1_000_000) return 10_000;
  if (population >= 500_000) return 7_500;
  if (population >= 250_000) return 5_000;
  return 2_500;
}

export function buildMemberships(input: {
  networkId: number;
  cities: (CityRecord & { id: number })[];
  nextId: { membership: () => number; event: () => number; fee: () => number };
}) {
  const rng = seededRandom(20100222);
  const memberships: MembershipRow[] = [];
  const events: EventRow[] = [];
  const fees: FeeRow[] = [];
  for (const c of input.cities) {
    const named = isDocumentCity(c);
    const r = rng.next();
    const status: MembershipRow['status'] = named ? 'member' : r < 0.72 ? 'member' : r < 0.84 ? 'applicant' : r < 0.9 ? 'suspended' : r < 0.96 ? 'left' : 'declined';
    const joinYear = named ? 2006 + rng.int(5) : 2008 + rng.int(14);
    const joinedOn = status === 'applicant' || status === 'declined' ? null : date(joinYear, 1 + rng.int(12), 1 + rng.int(28));
    const appliedOn = joinedOn
      ? date(joinYear - 1, 9 + rng.int(4), 1 + rng.int(28))
      : date(status === 'declined' ? 2023 : 2024 + rng.int(2), 1 + rng.int(9), 1 + rng.int(28));
    const leftOn = status === 'left' ? date(2019 + rng.int(4), 1 + rng.int(12), 1 + rng.int(28)) : null;
    let charterSignedOn: string | null = null;
    if (c.eurostatCode === 'NO001C') charterSignedOn = '2010-02-22';
    else if (joinedOn && joinYear <= 2010 && rng.chance(0.7)) charterSignedOn = '2010-02-22';
    else if (joinedOn && rng.chance(0.5)) charterSignedOn = joinedOn;
    const slug = citySlug(c.name);
    const id = input.nextId.membership();
    const amount = fee(c.population);
    const created = ts(appliedOn);
    memberships.push({
      id,
      networkId: input.networkId,
      cityId: c.id,
      status,
      appliedOn,
      joinedOn,
      leftOn,
      charterSignedOn,
      annualFee: status === 'declined' ? null : amount,
      feeCurrency: status === 'declined' ? null : 'EUR',
      coordinatorName: `Demo coordinator, ${c.name}`,
      coordinatorEmail: `coordinator@${slug}.example`,
      deputyName: rng.chance(0.5) ? `Demo deputy, ${c.name}` : null,
      deputyEmail: null,
      version: 1,
      createdAt: created,
      updatedAt: created,
    });
    const ev = (fromStatus: EventRow['fromStatus'], toStatus: EventRow['toStatus'], effectiveOn: string, reason: string) =>
      events.push({ id: input.nextId.event(), membershipId: id, fromStatus, toStatus, effectiveOn, reason, actorUserId: null, createdAt: ts(effectiveOn) });
    ev(null, 'applicant', appliedOn, 'Demo: application received');
    if (status === 'declined') ev('applicant', 'declined', date(2024, 3, 15), 'Demo: application declined (no integration office yet)');
    if (joinedOn) ev('applicant', 'member', joinedOn, 'Demo: admitted by the general assembly');
    if (status === 'suspended') ev('member', 'suspended', date(2024, 6, 1), 'Demo: annual fee unpaid for two years');
    if (status === 'left' && leftOn) ev('member', 'left', leftOn, 'Demo: city left the network');
    if (joinedOn) {
      for (const year of [2022, 2023, 2024]) {
        if (year < joinYear) continue;
        if (leftOn && year > Number(leftOn.slice(0, 4))) continue;
        const unpaid = status === 'suspended' ? year >= 2023 : year === 2024 && rng.chance(0.1);
        fees.push({ id: input.nextId.fee(), membershipId: id, year, amount, currency: 'EUR', paidOn: unpaid ? null : date(year, 2 + rng.int(4), 1 + rng.int(28)), version: 1 });
      }
    }
  }
  return { memberships, events, fees };
}
