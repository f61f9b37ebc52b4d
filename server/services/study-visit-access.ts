/**
 * Who sees and acts on a study visit: the visiting city's people and the host city's people see
 * it (editors act), the network's secretariat sees and does everything; anyone else gets 404.
 *
 * @example
 * const { visit, roles } = await visibleVisit(access, 7); // roles.host: the caller edits the host city
 */
import { findStudyVisit, type StudyVisitRow, type VisitStatus } from '../../db/queries/study-visits';
import type { Access } from '../auth/access';
import { canEditCity, canViewCity } from '../auth/principal';
import { notFound } from '../errors';
import type { Machine } from './workflow';

export const VISIT_STATES: Machine<VisitStatus> = {
  requested: ['accepted', 'declined', 'cancelled'],
  accepted: ['scheduled', 'cancelled'],
  scheduled: ['completed', 'cancelled'],
  declined: [],
  completed: [],
  cancelled: [],
};

/** The state an admin's step back returns to (cancelled: read from the audit log). */
export const VISIT_BACK: Partial<Record<VisitStatus, VisitStatus>> = { accepted: 'requested', declined: 'requested', scheduled: 'accepted', completed: 'scheduled' };

export interface VisitRoles {
  admin: boolean;
  host: boolean;
  visitor: boolean;
}

export async function visibleVisit(access: Access, id: number) {
  const visit = await findStudyVisit(access.db, id);
  if (!visit) throw notFound('study visit', id);
  const p = access.principal;
  const roles: VisitRoles = { admin: access.isAdmin(visit.networkId), host: canEditCity(p, visit.hostCityId), visitor: canEditCity(p, visit.visitorCityId) };
  if (!roles.admin && !canViewCity(p, visit.hostCityId) && !canViewCity(p, visit.visitorCityId)) throw notFound('study visit', id);
  return { visit, roles };
}

export const toVisitDto = (visit: StudyVisitRow) => ({ ...visit, nextStatuses: [...VISIT_STATES[visit.status]] });
