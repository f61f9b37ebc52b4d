/**
 * The monitoring-round workflow: draft → open (cities edit) → closed (no edits) → validated →
 * published (frozen as a versioned snapshot). A secretariat can step back (closed → open,
 * validated → closed); published is final. Illegal moves answer 409 with the allowed next states.
 *
 * @example
 * await transitionRound(access, 3, '"round-3-v2"', 'closed');
 */
import { findFramework } from '../../db/queries/frameworks';
import { findRound } from '../../db/queries/rounds';
import { countSubmissionsByStatus, findRoundFor, insertRound, insertSnapshot, latestSnapshot, publishSubmissions, setRoundStatus } from '../../db/queries/round-workflow';
import type { Access } from '../auth/access';
import { conflict, invalid, notFound } from '../errors';
import { expectedVersion, stale } from '../etag';
import { audit } from './audit';
import { getNetwork } from './networks';
import { buildSnapshot } from './round-snapshot';
import { ROUND_NEXT, type RoundStatus } from './round-states';
import { getRound } from './rounds';


export interface NewRound {
  frameworkId: number;
  year: number;
  name: string;
  opensOn?: string;
  deadline?: string;
  weightSetId?: number;
}

export async function createRound(access: Access, networkId: number, input: NewRound) {
  await getNetwork(access.db, networkId);
  access.requireAdmin(networkId);
  const framework = await findFramework(access.db, input.frameworkId);
  if (!framework) throw invalid([{ pointer: 'body.frameworkId', detail: `no framework with id ${input.frameworkId}` }]);
  if (input.weightSetId !== undefined && !framework.weightSets.some((w) => w.id === input.weightSetId)) {
    throw invalid([{ pointer: 'body.weightSetId', detail: `weight set ${input.weightSetId} does not belong to framework ${input.frameworkId}` }]);
  }
  const weightSetId = input.weightSetId ?? framework.weightSets[0]?.id ?? null;
  const round = await access.db.transaction(async (tx) => {
    const existing = await findRoundFor(tx, networkId, input.frameworkId, input.year);
    if (existing) throw conflict(`Network ${networkId} already has a ${input.year} round of framework ${input.frameworkId} (round ${existing.id})`);
    const created = await insertRound(tx, { networkId, frameworkId: input.frameworkId, weightSetId, year: input.year, name: input.name, opensOn: input.opensOn ?? null, deadline: input.deadline ?? null });
    await audit(tx, access, { action: 'round.create', entityType: 'round', entityId: created.id, networkId, newValue: created });
    return created;
  });
  return getRound(access, round.id);
}

export async function transitionRound(access: Access, id: number, ifMatch: string | undefined, to: RoundStatus) {
  const row = await findRound(access.db, id);
  if (!row || (await access.roundView(row.round)) === 'none') throw notFound('round', id);
  const round = row.round;
  access.requireAdmin(round.networkId);
  const expected = expectedVersion(ifMatch, 'round', id);
  if (round.version !== expected) throw stale('round', id);
  const allowed = ROUND_NEXT[round.status];
  if (!allowed.includes(to)) throw conflict(`Round ${id} cannot go from ${round.status} to ${to}`, { from: round.status, allowed });
  if (to === 'validated') await requireAllValidated(access, id);
  const now = new Date().toISOString();
  const snapshot = to === 'published' ? await buildSnapshot(access, id) : null;
  await access.db.transaction(async (tx) => {
    const set = { status: to, ...(to === 'open' && !round.opensOn ? { opensOn: now.slice(0, 10) } : {}), ...(to === 'closed' ? { closedAt: now } : {}), ...(to === 'published' ? { publishedAt: now } : {}) };
    if (!(await setRoundStatus(tx, id, expected, set))) throw stale('round', id);
    if (snapshot) {
      await publishSubmissions(tx, id, now);
      await insertSnapshot(tx, id, snapshot, access.principal.kind === 'user' ? access.principal.userId : null, now);
    }
    await audit(tx, access, { action: `round.${to}`, entityType: 'round', entityId: id, networkId: round.networkId, oldValue: { status: round.status, version: expected }, newValue: { status: to, version: expected + 1 } });
  });
  return getRound(access, id);
}

/** Validation needs every submitted answer checked: none may still wait (submitted) or be back with the city (returned). */
async function requireAllValidated(access: Access, roundId: number) {
  const counts = await countSubmissionsByStatus(access.db, roundId);
  const waiting = (counts.submitted ?? 0) + (counts.returned ?? 0);
  if (waiting > 0) throw conflict(`${waiting} submission(s) are still submitted or returned; validate them (or return and reopen) before validating the round`, { allowed: ['open'] });
}

export async function getSnapshot(access: Access, roundId: number) {
  await getRound(access, roundId, 'full');
  const snapshot = await latestSnapshot(access.db, roundId);
  if (!snapshot) throw notFound('snapshot of round', roundId);
  return { version: snapshot.snapshotVersion, createdAt: snapshot.createdAt, payload: snapshot.payload };
}
