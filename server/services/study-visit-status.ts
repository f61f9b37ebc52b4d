/**
 * A study visit's life: requested → accepted | declined; accepted → scheduled → completed; any
 * open one → cancelled. The host's editors accept, decline and schedule; the visitor's editors
 * cancel; either side completes it and writes the report with lessons; the secretariat may do all
 * of it and step a visit back (audited). Accepting respects the host's yearly capacity (409).
 *
 * @example
 * await moveVisit(access, 7, '"study-visit-7-v1"', { status: 'scheduled', scheduledFrom: '2025-03-03', scheduledTo: '2025-03-05' });
 */
import { COMMITTED, committedVisits, hostCapacity, updateStudyVisit, type StudyVisitRow, type VisitStatus } from '../../db/queries/study-visits';
import { stateBefore } from '../../db/queries/workflow-history';
import type { Access } from '../auth/access';
import { conflict, invalid } from '../errors';
import { expectedVersion, stale } from '../etag';
import type { Executor } from '../../db/queries/auth';
import { audit } from './audit';
import { VISIT_BACK, VISIT_STATES, visibleVisit, type VisitRoles } from './study-visit-access';
import { getStudyVisit } from './study-visits';
import { requireTransition } from './workflow';

export interface VisitMove {
  status: VisitStatus;
  scheduledFrom?: string;
  scheduledTo?: string;
  reason?: string;
}

const MOVER: Record<VisitStatus, (r: VisitRoles) => boolean> = {
  requested: (r) => r.admin,
  accepted: (r) => r.admin || r.host,
  declined: (r) => r.admin || r.host,
  scheduled: (r) => r.admin || r.host,
  completed: (r) => r.admin || r.host || r.visitor,
  cancelled: (r) => r.admin || r.visitor,
};

export async function moveVisit(access: Access, id: number, ifMatch: string | undefined, move: VisitMove) {
  const { visit, roles } = await visibleVisit(access, id);
  if (!roles.admin && !roles.host && !roles.visitor) access.deny(`Only the two cities' editors or the secretariat can change study visit ${id}`);
  const expected = currentVersion(visit, ifMatch);
  requireTransition('Study visit', id, VISIT_STATES, visit.status, move.status);
  if (!MOVER[move.status](roles)) access.deny(`Moving study visit ${id} to ${move.status} is for the ${move.status === 'cancelled' ? 'visiting' : 'host'} city's editors or the secretariat`);
  const set: Partial<StudyVisitRow> = { status: move.status };
  if (move.status === 'scheduled') {
    if (!move.scheduledFrom || !move.scheduledTo || move.scheduledTo < move.scheduledFrom) throw invalid([{ pointer: 'body.scheduledTo', detail: 'scheduling needs scheduledFrom and scheduledTo, in order' }]);
    Object.assign(set, { scheduledFrom: move.scheduledFrom, scheduledTo: move.scheduledTo });
  }
  if (move.status === 'declined') set.declineReason = move.reason ?? null;
  await write(access, visit, expected, set, 'study_visit.status', move.reason);
  return getStudyVisit(access, id);
}

/** Secretariat only: one step back (a cancelled visit returns to the status it was cancelled in). */
export async function revertVisit(access: Access, id: number, ifMatch: string | undefined) {
  const { visit, roles } = await visibleVisit(access, id);
  if (!roles.admin) access.deny(`Only the secretariat can move study visit ${id} back`);
  const expected = currentVersion(visit, ifMatch);
  const back = visit.status === 'cancelled' ? ((await stateBefore(access.db, 'study_visit', id, 'status', 'cancelled')) as VisitStatus | undefined) : VISIT_BACK[visit.status];
  if (!back) throw conflict(`Study visit ${id} is ${visit.status}; there is no earlier status to return to`, { current: visit.status, allowed: VISIT_STATES[visit.status] });
  await write(access, visit, expected, { status: back }, 'study_visit.revert');
  return getStudyVisit(access, id);
}

/** Either city's editors or the secretariat, once the visit is scheduled or completed. */
export async function writeVisitReport(access: Access, id: number, ifMatch: string | undefined, reportLessons: string) {
  const { visit, roles } = await visibleVisit(access, id);
  if (!roles.admin && !roles.host && !roles.visitor) access.deny(`Only the two cities' editors or the secretariat can write the report of study visit ${id}`);
  const expected = currentVersion(visit, ifMatch);
  if (visit.status !== 'scheduled' && visit.status !== 'completed') throw conflict(`Study visit ${id} is ${visit.status}; the report is written once it is scheduled or completed`, { current: visit.status });
  await write(access, visit, expected, { reportLessons }, 'study_visit.report');
  return getStudyVisit(access, id);
}

/** The version the If-Match names, 412 at once when the visit has moved on since (before any state rule: the caller's view is out of date). */
function currentVersion(visit: StudyVisitRow, ifMatch: string | undefined): number {
  const expected = expectedVersion(ifMatch, 'study-visit', visit.id);
  if (visit.version !== expected) throw stale('study-visit', visit.id);
  return expected;
}

async function write(access: Access, visit: StudyVisitRow, expected: number, set: Partial<StudyVisitRow>, action: string, reason?: string) {
  await access.db.transaction(async (tx) => {
    if (set.status && COMMITTED.includes(set.status) && !COMMITTED.includes(visit.status)) await requirePlace(tx, visit);
    if (!(await updateStudyVisit(tx, visit.id, expected, set))) throw stale('study-visit', visit.id);
    const old = Object.fromEntries(Object.keys(set).map((k) => [k, visit[k as keyof StudyVisitRow]]));
    await audit(tx, access, { action, entityType: 'study_visit', entityId: visit.id, networkId: visit.networkId, cityId: visit.hostCityId, oldValue: { ...old, version: expected }, newValue: { ...set, ...(reason ? { reason } : {}), version: expected + 1 } });
  });
}

async function requirePlace(tx: Executor, visit: StudyVisitRow) {
  const capacity = await hostCapacity(tx, visit.networkId, visit.hostCityId, visit.year);
  const taken = await committedVisits(tx, visit.networkId, visit.hostCityId, visit.year);
  if (taken >= capacity) throw conflict(`City ${visit.hostCityId} already receives ${taken} study visits in ${visit.year} (capacity ${capacity})`, { capacity, taken });
}
