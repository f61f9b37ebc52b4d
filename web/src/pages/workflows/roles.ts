/**
 * What the signed-in user is to a city or a review, from their grants (the server decides; this
 * only chooses which buttons to offer), and the names of member cities.
 *
 * @example
 * editsCity(user, 12)            // true for Oslo's editor on Oslo
 * reviewRoles(user, review, 1)   // { admin: false, host: true, reviewer: false }
 */
import type { PeerReview, User } from '../../lib/api';
import { network } from '../../lib/state/network.svelte';

export const editsCity = (user: User | null, cityId: number) => !!user?.grants.some((g) => g.role === 'city_editor' && g.cityId === cityId);

/** Cities the user edits (their own city for a coordinator). */
export const editorCities = (user: User | null) => (user?.grants ?? []).filter((g) => g.role === 'city_editor' && g.cityId !== null).map((g) => g.cityId as number);

/** Cities the user belongs to (editor or viewer). */
export const ownCities = (user: User | null) => (user?.grants ?? []).filter((g) => (g.role === 'city_editor' || g.role === 'city_viewer') && g.cityId !== null).map((g) => g.cityId as number);

export function reviewRoles(user: User | null, review: Pick<PeerReview, 'hostCityId' | 'members' | 'networkId'>, isAdmin: boolean) {
  return { admin: isAdmin, host: editsCity(user, review.hostCityId), reviewer: review.members.some((m) => m.cityId !== null && editsCity(user, m.cityId)) };
}

/** A member city's name, or `#id` when it is not a member (left, or another network). */
export const cityName = (id: number) => network.members.find((c) => c.id === id)?.name ?? `#${id}`;

export const sortedMembers = () => [...network.members].sort((a, b) => a.name.localeCompare(b.name));

/** Next year as the default year of a study visit. */
export const nextYear = () => new Date().getFullYear() + 1;
