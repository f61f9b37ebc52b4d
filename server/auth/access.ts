/**
 * Object-level access rules, asked by services with the request's principal:
 * - published rounds and public city facts are open to everyone;
 * - a secretariat admin sees and manages everything in their network;
 * - city editors/viewers see their own city's submissions, and other cities' only once published
 *   (or validated: then shared with the whole network);
 * - what a principal may not see answers 404, so its existence does not leak.
 *
 * @example
 * const access = new Access(db, principal);
 * if (!(await access.canSeeSubmission(sub, round))) throw notFound('submission', sub.id);
 */
import type { Db } from '../../db/client';
import { memberNetworksOfCities, networksOfCity } from '../../db/queries/networks';
import { readVersions, type DataVersions } from '../../db/queries/versions';
import { perDatabase, VersionedCache } from '../cache/versioned-cache';
import { ProblemError } from '../errors';
import { canEditCity, canViewCity, citiesWithRole, isNetworkAdmin, type Principal } from './principal';

export type RoundView = 'full' | 'meta' | 'none';
/** Memberships change the `context` counter; shared sets, never modified. */
const memberNetworksCache = perDatabase(() => new VersionedCache<ReadonlySet<number>>({ maxEntries: 10_000 }));
type RoundLike = { networkId: number; status: string };
type SubmissionLike = { cityId: number; status: string };

export class Access {
  #memberNetworks?: Promise<ReadonlySet<number>>;
  #versions?: Promise<DataVersions>;

  constructor(
    readonly db: Db,
    readonly principal: Principal,
    /** Where the request came from, for the audit log. */
    readonly origin: { clientAddress: string; requestId: string } = { clientAddress: 'local', requestId: '' },
    /** The change counters, when already read for this request. */
    versions?: Promise<DataVersions>,
  ) {
    this.#versions = versions;
  }

  /** The database's change counters as of this request (read once): what cached lookups are keyed by. */
  versions(): Promise<DataVersions> {
    this.#versions ??= readVersions(this.db);
    return this.#versions;
  }

  get signedIn() {
    return this.principal.kind === 'user';
  }

  isAdmin(networkId: number) {
    return isNetworkAdmin(this.principal, networkId);
  }

  /** Networks where one of the principal's cities is a member. */
  memberNetworks(): Promise<ReadonlySet<number>> {
    this.#memberNetworks ??= this.versions().then((v) => {
      const cities = citiesWithRole(this.principal, ['city_editor', 'city_viewer']);
      return memberNetworksCache(this.db).get(cities.join(','), String(v.context), async () => new Set(await memberNetworksOfCities(this.db, cities)));
    });
    return this.#memberNetworks;
  }

  /** full: every city's data; meta: the round exists (members see non-draft rounds to take part); none: hidden. */
  async roundView(round: RoundLike): Promise<RoundView> {
    if (round.status === 'published' || this.isAdmin(round.networkId)) return 'full';
    if (round.status === 'draft' || !(await this.memberNetworks()).has(round.networkId)) return 'none';
    return round.status === 'validated' ? 'full' : 'meta';
  }

  /** Published answers are public; the city and its secretariat see every state; a validated one is shared with the network once the round is. */
  async canSeeSubmission(sub: SubmissionLike, round: RoundLike): Promise<boolean> {
    if (sub.status === 'published' || canViewCity(this.principal, sub.cityId) || this.isAdmin(round.networkId)) return true;
    return sub.status === 'validated' && (await this.roundView(round)) === 'full';
  }

  canEditSubmission(sub: SubmissionLike, round: RoundLike): boolean {
    return canEditCity(this.principal, sub.cityId) || this.isAdmin(round.networkId);
  }

  /** Context values of a city: its editors, or an admin of a network it belongs to. */
  async canEditCityContext(cityId: number): Promise<boolean> {
    if (canEditCity(this.principal, cityId)) return true;
    return (await networksOfCity(this.db, cityId)).some((n) => this.isAdmin(n));
  }

  /** 401 for anonymous callers, 403 for signed-in callers without the right. */
  deny(detail: string): never {
    if (!this.signedIn) throw new ProblemError(401, 'unauthenticated', 'Not signed in', 'Sign in (or send a bearer token) to do this');
    throw new ProblemError(403, 'forbidden', 'Forbidden', detail);
  }

  requireUser() {
    if (this.principal.kind !== 'user') this.deny('');
    return this.principal as Extract<Principal, { kind: 'user' }>;
  }

  requireAdmin(networkId: number) {
    if (!this.isAdmin(networkId)) this.deny(`Only the secretariat of network ${networkId} can do this`);
  }
}
