/**
 * Writing a peer review's content: its details (team and lead expert by the secretariat; visit
 * dates and follow-up report also by the host and reviewers), notes from each stage (desk review,
 * interviews, focus groups), and findings per key factor, where the host's self-score and the
 * reviewers' peer-validated score are both kept. Each field is writable in the stages where the
 * method produces it (else 409) by the side that produces it (else 403).
 *
 * @example
 * await writeFinding(access, 31, '"peer-review-finding-31-v1"', { peerScore: 2, finding: 'No budget line' });
 */
import { findFinding, insertNote, replaceMembers, updateFinding, updatePeerReview, type MemberInsert } from '../../db/queries/peer-reviews';
import { networkMemberCityIds } from '../../db/queries/networks';
import type { Access } from '../auth/access';
import { conflict, invalid, notFound, type FieldError } from '../errors';
import { expectedVersion, stale } from '../etag';
import { audit } from './audit';
import { isClosed, reviewRoles, visibleReview, type ReviewRoles, type Stage } from './peer-review-access';
import { getPeerReview } from './peer-reviews';
import { checkScoreValue } from './score-rules';

export interface ReviewEdit {
  leadExpertName?: string | null;
  leadExpertEmail?: string | null;
  visitStart?: string | null;
  visitEnd?: string | null;
  followUpReport?: string | null;
  members?: { cityId?: number | null; organisation?: string | null; personName?: string | null; role: 'reviewer' | 'lead_expert' | 'observer' }[];
}

const ADMIN_ONLY = ['leadExpertName', 'leadExpertEmail', 'members'] as const;

export async function editPeerReview(access: Access, id: number, ifMatch: string | undefined, edit: ReviewEdit) {
  const { review, roles } = await visibleReview(access, id);
  if (!roles.admin && !roles.host && !roles.reviewer) access.deny(`Only the secretariat, the host or the reviewers can edit peer review ${id}`);
  const expected = expectedVersion(ifMatch, 'peer-review', id);
  const adminFields = ADMIN_ONLY.filter((f) => edit[f] !== undefined);
  if (!roles.admin && adminFields.length > 0) access.deny(`Only the secretariat changes ${adminFields.join(', ')}`);
  if (isClosed(review.stage)) throw conflict(`Peer review ${id} is ${review.stage}; move it back first`, { current: review.stage });
  const start = edit.visitStart !== undefined ? edit.visitStart : review.visitStart;
  const end = edit.visitEnd !== undefined ? edit.visitEnd : review.visitEnd;
  const errors: FieldError[] = [];
  if (start && end && end < start) errors.push({ pointer: 'body.visitEnd', detail: `must not be before visitStart ${start}` });
  if (edit.members) {
    const members = new Set(await networkMemberCityIds(access.db, review.networkId));
    edit.members.forEach((m, i) => {
      if (m.cityId == null && !m.organisation) errors.push({ pointer: `body.members.${i}`, detail: 'name a city or an organisation' });
      if (m.cityId != null && (m.cityId === review.hostCityId || !members.has(m.cityId))) errors.push({ pointer: `body.members.${i}.cityId`, detail: `city ${m.cityId} cannot review this host` });
    });
  }
  if (errors.length > 0) throw invalid(errors);
  if (review.version !== expected) throw stale('peer-review', id);
  const { members, ...fields } = edit;
  const before = Object.fromEntries(Object.keys(fields).map((k) => [k, review[k as keyof typeof fields]]));
  await access.db.transaction(async (tx) => {
    if (!(await updatePeerReview(tx, id, expected, fields))) throw stale('peer-review', id);
    const team: MemberInsert[] | undefined = members?.map((m) => ({ cityId: m.cityId ?? null, organisation: m.organisation ?? null, personName: m.personName ?? null, role: m.role }));
    if (team) await replaceMembers(tx, id, team);
    await audit(tx, access, {
      action: 'peer_review.update',
      entityType: 'peer_review',
      entityId: id,
      networkId: review.networkId,
      cityId: review.hostCityId,
      oldValue: { ...before, ...(team ? { members: review.members.map(({ id: _i, peerReviewId: _p, ...m }) => m) } : {}), version: expected },
      newValue: { ...fields, ...(team ? { members: team } : {}), version: expected + 1 },
    });
  });
  return getPeerReview(access, id);
}

export interface NoteInput {
  kind: 'desk_review' | 'interview' | 'focus_group' | 'observation' | 'other';
  heldOn?: string | null;
  text: string;
}

/** Notes are stamped with the review's current stage; self-assessment evidence is a note in that stage. */
export async function addNote(access: Access, id: number, input: NoteInput) {
  const { review, roles } = await visibleReview(access, id);
  if (!roles.admin && !roles.host && !roles.reviewer) access.deny(`Only the secretariat, the host or the reviewers can add notes to peer review ${id}`);
  if (isClosed(review.stage)) throw conflict(`Peer review ${id} is ${review.stage}; notes can only be added while it is open`, { current: review.stage });
  const user = access.requireUser();
  await access.db.transaction(async (tx) => {
    const note = await insertNote(tx, { peerReviewId: id, stage: review.stage, kind: input.kind, heldOn: input.heldOn ?? null, text: input.text, authorUserId: user.userId });
    await audit(tx, access, { action: 'peer_review.note', entityType: 'peer_review_note', entityId: note.id, networkId: review.networkId, cityId: review.hostCityId, newValue: { peerReviewId: id, stage: review.stage, kind: input.kind, heldOn: note.heldOn, text: input.text } });
  });
  return getPeerReview(access, id);
}

export interface FindingEdit {
  selfScore?: number | null;
  peerScore?: number | null;
  finding?: string;
  recommendation?: string;
}

/** Which side writes each field, and in which stages. */
const FIELD_RULES: Record<keyof FindingEdit, { by: 'host' | 'reviewer'; stages: Stage[] }> = {
  selfScore: { by: 'host', stages: ['planned', 'self_assessment'] },
  peerScore: { by: 'reviewer', stages: ['desk_review', 'visit', 'findings'] },
  finding: { by: 'reviewer', stages: ['desk_review', 'visit', 'findings'] },
  recommendation: { by: 'reviewer', stages: ['findings', 'recommendations'] },
};

export async function writeFinding(access: Access, findingId: number, ifMatch: string | undefined, edit: FindingEdit) {
  const row = await findFinding(access.db, findingId);
  if (!row) throw notFound('peer review finding', findingId);
  const { review } = await visibleReview(access, row.finding.peerReviewId).catch(() => {
    throw notFound('peer review finding', findingId);
  });
  const roles: ReviewRoles = reviewRoles(access, review);
  const fields = (Object.keys(edit) as (keyof FindingEdit)[]).filter((f) => edit[f] !== undefined);
  const forbidden = fields.filter((f) => !roles.admin && !roles[FIELD_RULES[f].by]);
  if (forbidden.length > 0) access.deny(`You cannot write ${forbidden.join(', ')} of peer review ${review.id}`);
  const expected = expectedVersion(ifMatch, 'peer-review-finding', findingId);
  const late = fields.filter((f) => !FIELD_RULES[f].stages.includes(review.stage));
  if (late.length > 0) {
    throw conflict(`Peer review ${review.id} is ${review.stage}; ${late.map((f) => `${f} is written in ${FIELD_RULES[f].stages.join('/')}`).join('; ')}`, { current: review.stage, fields: late });
  }
  const errors: FieldError[] = (['selfScore', 'peerScore'] as const).flatMap((f) => {
    const problem = edit[f] === undefined ? null : checkScoreValue(row.indicator, edit[f]!);
    return problem ? [{ pointer: `body.${f}`, detail: problem }] : [];
  });
  if (errors.length > 0) throw invalid(errors);
  if (row.finding.version !== expected) throw stale('peer-review-finding', findingId);
  const set = Object.fromEntries(fields.map((f) => [f, edit[f]]));
  await access.db.transaction(async (tx) => {
    if (!(await updateFinding(tx, findingId, expected, set))) throw stale('peer-review-finding', findingId);
    await audit(tx, access, {
      action: 'peer_review.finding',
      entityType: 'peer_review_finding',
      entityId: findingId,
      networkId: review.networkId,
      cityId: review.hostCityId,
      oldValue: { ...Object.fromEntries(fields.map((f) => [f, row.finding[f]])), version: expected },
      newValue: { ...set, version: expected + 1 },
    });
  });
  const after = (await findFinding(access.db, findingId))!;
  return { ...after.finding, code: after.indicator.code, statement: after.indicator.statement };
}
