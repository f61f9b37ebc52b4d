/**
 * Who is asking: nobody, or a user with role grants (all of theirs from a session, or the one a
 * token is scoped to). Every authorization decision reads this, never ids from a request body.
 *
 * @example
 * isNetworkAdmin(principal, 1); citiesWithRole(principal, ['city_editor']); // [12]
 */
import type { ROLES } from '../../db/schema';

export type Role = (typeof ROLES)[number];

export interface Grant {
  role: Role;
  networkId: number | null;
  cityId: number | null;
}

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: number;
      email: string;
      name: string;
      grants: Grant[];
      via: 'session' | 'token';
      sessionHash?: string;
      csrfToken?: string;
      tokenId?: number;
    };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function grantsOf(p: Principal): Grant[] {
  return p.kind === 'user' ? p.grants : [];
}

export function isNetworkAdmin(p: Principal, networkId: number): boolean {
  return grantsOf(p).some((g) => g.role === 'secretariat_admin' && g.networkId === networkId);
}

export function adminNetworks(p: Principal): number[] {
  return grantsOf(p).flatMap((g) => (g.role === 'secretariat_admin' && g.networkId !== null ? [g.networkId] : []));
}

/** Cities the principal acts for with one of the given roles. */
export function citiesWithRole(p: Principal, roles: Role[]): number[] {
  return [...new Set(grantsOf(p).flatMap((g) => (roles.includes(g.role) && g.cityId !== null ? [g.cityId] : [])))];
}

export const canEditCity = (p: Principal, cityId: number) => citiesWithRole(p, ['city_editor']).includes(cityId);
export const canViewCity = (p: Principal, cityId: number) => citiesWithRole(p, ['city_editor', 'city_viewer']).includes(cityId);
export const isResearcher = (p: Principal) => grantsOf(p).some((g) => g.role === 'researcher');

/** A short label for logs and the audit trail (never a secret). */
export function actorLabel(p: Principal): string {
  return p.kind === 'user' ? `${p.email}${p.via === 'token' ? ` (token ${p.tokenId})` : ''}` : 'anonymous';
}
