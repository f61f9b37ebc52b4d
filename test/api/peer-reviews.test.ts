/**
 * Peer reviews end to end: created by hand and from the plan, every stage in order with its
 * writers, every illegal move (409 with the allowed next stages), the secretariat's step back,
 * concurrency (one of two writes with the same ETag wins), who may see and do what, audit, outbox.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PEER_REVIEW_STAGES } from '../../db/schema';
import { expectProblem, fixtureApp } from '../helpers/app';
import { dumpDb } from '../helpers/dump';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});

const FORWARD = PEER_REVIEW_STAGES.filter((s) => s !== 'cancelled');
type Headers = Record<string, string>;

/** Oslo hosts; Munich reviews with an NGO member; the secretariat creates it by hand. */
async function createReview(extra: Record<string, unknown> = {}) {
  const { fixture: f, people } = t;
  const res = await t.post(
    `/api/networks/${f.net.id}/peer-reviews`,
    { roundId: f.openRound.id, hostCityId: f.cities.oslo.id, reviewerCityIds: [f.cities.munich.id], otherMembers: [{ organisation: 'Migrant council', personName: 'A. Person' }], leadExpertName: 'Dr Expert', ...extra },
    people.admin.headers,
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; stage: string; version: number; findings: { id: number; indicatorId: number; selfScore: number | null; version: number }[]; nextStages: string[] };
}

const etagOf = async (id: number) => (await t.get(`/api/peer-reviews/${id}`, t.people.admin.headers)).headers.get('etag')!;
const move = async (id: number, stage: string, who: Headers) => t.post(`/api/peer-reviews/${id}/stage`, { stage }, { ...who, 'if-match': await etagOf(id) });
const revert = async (id: number, who: Headers) => t.post(`/api/peer-reviews/${id}/revert`, undefined, { ...who, 'if-match': await etagOf(id) });
const findingEtag = (f: { id: number; version: number }) => `"peer-review-finding-${f.id}-v${f.version}"`;

describe('creating peer reviews', () => {
  it('by hand: team with an NGO member, findings per key factor with the host’s self-scores, host notified, audited', async () => {
    const { fixture: f } = t;
    const review = await createReview();
    expect(review.stage).toBe('planned');
    expect(review.nextStages).toEqual(['self_assessment', 'cancelled']);
    expect(review.findings).toHaveLength(4);
    expect(review.findings[0]).toMatchObject({ indicatorId: f.indicators[0].id, selfScore: 3, peerScore: null });
    const outbox = await t.db.query.outbox.findMany();
    expect(outbox.map((o) => [o.kind, o.recipient])).toEqual([['peer_review.request', 'admin@fixture.example']]);
    const entries = await t.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'peer_review.create') });
    expect(entries).toHaveLength(1);
  });

  it('notifies the host’s coordinator when the membership names one', async () => {
    const { fixture: f } = t;
    const { memberships } = await import('../../db/schema');
    const { and, eq } = await import('drizzle-orm');
    await t.db.update(memberships).set({ coordinatorEmail: 'coordinator@oslo.example' }).where(and(eq(memberships.cityId, f.cities.oslo.id), eq(memberships.networkId, f.net.id)));
    await createReview();
    expect((await t.db.query.outbox.findMany()).map((o) => o.recipient)).toEqual(['coordinator@oslo.example']);
  });

  it('rejects self-review, non-members, a foreign round and a second open review of the same host', async () => {
    const { fixture: f, people } = t;
    const before = await dumpDb(t.handle.client);
    const bad = await t.post(`/api/networks/${f.net.id}/peer-reviews`, { roundId: f.openRound.id, hostCityId: f.cities.tampere.id, reviewerCityIds: [f.cities.tampere.id, f.cities.munich.id, f.cities.munich.id] }, people.admin.headers);
    const p = await expectProblem(bad, 422);
    expect(p.errors!.map((e) => e.pointer)).toEqual(['body.hostCityId', 'body.reviewerCityIds', 'body.reviewerCityIds.0']);
    const otherNetRound = await t.post(`/api/networks/${people.otherNet.id}/peer-reviews`, { roundId: f.openRound.id, hostCityId: f.cities.oslo.id, reviewerCityIds: [] }, people.otherAdmin.headers);
    await expectProblem(otherNetRound, 422);
    expect(await dumpDb(t.handle.client)).toBe(before);
    await createReview();
    const again = await t.post(`/api/networks/${f.net.id}/peer-reviews`, { roundId: f.openRound.id, hostCityId: f.cities.oslo.id, reviewerCityIds: [f.cities.barcelona.id] }, people.admin.headers);
    expect(((await expectProblem(again, 409)) as { hosts?: number[] }).hosts).toEqual([f.cities.oslo.id]);
  });

  it('from the plan: accepted or adjusted teams in one step, all or nothing', async () => {
    const { fixture: f, people } = t;
    const res = await t.post(
      `/api/rounds/${f.openRound.id}/peer-reviews/from-plan`,
      { teams: [{ hostCityId: f.cities.oslo.id, reviewerCityIds: [f.cities.munich.id] }, { hostCityId: f.cities.munich.id, reviewerCityIds: [f.cities.barcelona.id] }] },
      people.admin.headers,
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.created.map((r: { hostCityId: number; origin: string }) => [r.hostCityId, r.origin])).toEqual([
      [f.cities.oslo.id, 'plan'],
      [f.cities.munich.id, 'plan'],
    ]);
    expect(await t.db.query.outbox.findMany()).toHaveLength(2);
    const before = await dumpDb(t.handle.client);
    const clash = await t.post(`/api/rounds/${f.openRound.id}/peer-reviews/from-plan`, { teams: [{ hostCityId: f.cities.barcelona.id, reviewerCityIds: [f.cities.oslo.id] }, { hostCityId: f.cities.oslo.id, reviewerCityIds: [f.cities.barcelona.id] }] }, people.admin.headers);
    await expectProblem(clash, 409);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });

  it('from the plan without a body: the suggested teams (same parameters as the plan)', async () => {
    const { fixture: f, people } = t;
    const plan = await (await t.get(`/api/rounds/${f.closedRound.id}/peer-review-plan?reviewersPerHost=1`, people.admin.headers)).json();
    const res = await t.post(`/api/rounds/${f.closedRound.id}/peer-reviews/from-plan?reviewersPerHost=1`, undefined, people.admin.headers);
    if (plan.teams.length === 0) {
      await expectProblem(res, 409);
    } else {
      expect(res.status).toBe(201);
      expect((await res.json()).created).toHaveLength(plan.teams.length);
    }
  });
});

describe('the stages of a review', () => {
  it('walks every stage with the right writers, recording notes, scores, findings and recommendations', async () => {
    const { fixture: f, people } = t;
    const review = await createReview();
    const host = people.osloEditor.headers;
    const reviewer = people.munichEditor.headers;
    const i1 = review.findings[0];
    // planned: the host self-assesses and records written evidence
    let res = await t.put(`/api/peer-review-findings/${i1.id}`, { selfScore: 4 }, { ...host, 'if-match': findingEtag(i1) });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"peer-review-finding-${i1.id}-v2"`);
    expect((await move(review.id, 'self_assessment', host)).status).toBe(200);
    res = await t.post(`/api/peer-reviews/${review.id}/notes`, { kind: 'other', text: 'Evidence: council minutes 15.05.2013, annual report 2023' }, host);
    expect(res.status).toBe(201);
    expect((await move(review.id, 'desk_review', host)).status).toBe(200);
    // desk review → visit: reviewers take over
    res = await t.post(`/api/peer-reviews/${review.id}/notes`, { kind: 'desk_review', text: 'Strategy lacks milestones' }, reviewer);
    expect(res.status).toBe(201);
    expect((await move(review.id, 'visit', reviewer)).status).toBe(200);
    res = await t.put(`/api/peer-reviews/${review.id}`, { visitStart: '2024-10-01', visitEnd: '2024-10-03' }, { ...reviewer, 'if-match': await etagOf(review.id) });
    expect(res.status).toBe(200);
    for (const [kind, text] of [['interview', 'Head of integration office'], ['focus_group', 'Migrant council, 9 participants']]) {
      expect((await t.post(`/api/peer-reviews/${review.id}/notes`, { kind, heldOn: '2024-10-02', text }, reviewer)).status).toBe(201);
    }
    expect((await move(review.id, 'findings', reviewer)).status).toBe(200);
    const v2 = { ...i1, version: 2 };
    res = await t.put(`/api/peer-review-findings/${i1.id}`, { peerScore: 3, finding: 'Strategy adopted, no budget line' }, { ...reviewer, 'if-match': findingEtag(v2) });
    expect(res.status).toBe(200);
    expect((await move(review.id, 'recommendations', reviewer)).status).toBe(200);
    res = await t.put(`/api/peer-review-findings/${i1.id}`, { recommendation: 'Add a budget line and milestones' }, { ...reviewer, 'if-match': findingEtag({ ...i1, version: 3 }) });
    expect(res.status).toBe(200);
    expect((await move(review.id, 'follow_up', reviewer)).status).toBe(200);
    res = await t.put(`/api/peer-reviews/${review.id}`, { followUpReport: 'One year on: budget line adopted' }, { ...reviewer, 'if-match': await etagOf(review.id) });
    expect(res.status).toBe(200);
    expect((await move(review.id, 'completed', reviewer)).status).toBe(403);
    expect((await move(review.id, 'completed', people.admin.headers)).status).toBe(200);

    const done = await (await t.get(`/api/peer-reviews/${review.id}`, people.osloViewer.headers)).json();
    expect(done.stage).toBe('completed');
    expect(done.nextStages).toEqual([]);
    expect(done.findings[0]).toMatchObject({ selfScore: 4, peerScore: 3, finding: 'Strategy adopted, no budget line', recommendation: 'Add a budget line and milestones' });
    expect(done.notes.map((n: { stage: string; kind: string }) => `${n.stage}:${n.kind}`)).toEqual(['self_assessment:other', 'desk_review:desk_review', 'visit:interview', 'visit:focus_group']);
    expect(done).toMatchObject({ visitStart: '2024-10-01', visitEnd: '2024-10-03', followUpReport: 'One year on: budget line adopted' });
    const moves = await t.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'peer_review.stage') });
    expect(moves.map((m) => [(m.oldValue as { stage: string }).stage, (m.newValue as { stage: string }).stage])).toEqual(FORWARD.slice(0, -1).map((s, i) => [s, FORWARD[i + 1]]));
    // notes and closed reviews: no more writing
    await expectProblem(await t.post(`/api/peer-reviews/${review.id}/notes`, { kind: 'other', text: 'late' }, reviewer), 409);
    await expectProblem(await t.put(`/api/peer-reviews/${review.id}`, { followUpReport: 'x' }, { ...people.admin.headers, 'if-match': await etagOf(review.id) }), 409);
  });

  it('answers 409 with the allowed next stages for every illegal move from every stage', async () => {
    const { people } = t;
    const admin = people.admin.headers;
    const review = await createReview();
    let checked = 0;
    for (const [k, stage] of FORWARD.entries()) {
      const allowed = stage === 'completed' ? [] : [FORWARD[k + 1], 'cancelled'];
      for (const target of PEER_REVIEW_STAGES.filter((s) => !allowed.includes(s))) {
        const before = await dumpDb(t.handle.client);
        const p = await expectProblem(await move(review.id, target, admin), 409);
        expect(p).toMatchObject({ current: stage, requested: target, allowed });
        expect(await dumpDb(t.handle.client)).toBe(before);
        checked++;
      }
      if (stage !== 'completed') expect((await move(review.id, FORWARD[k + 1], admin)).status).toBe(200);
    }
    expect(checked).toBe(FORWARD.length * PEER_REVIEW_STAGES.length - (FORWARD.length - 1) * 2);
    // cancelled is terminal too
    const other = await t.post(`/api/networks/${t.fixture.net.id}/peer-reviews`, { roundId: t.fixture.openRound.id, hostCityId: t.fixture.cities.barcelona.id, reviewerCityIds: [] }, admin);
    const id = (await other.json()).id;
    expect((await move(id, 'cancelled', admin)).status).toBe(200);
    for (const target of PEER_REVIEW_STAGES) expect(((await expectProblem(await move(id, target, admin), 409)) as { allowed?: string[] }).allowed).toEqual([]);
  });

  it('lets only the right side make each move', async () => {
    const { people } = t;
    const review = await createReview();
    expect((await move(review.id, 'self_assessment', people.munichEditor.headers)).status).toBe(403);
    expect((await move(review.id, 'self_assessment', people.osloViewer.headers)).status).toBe(403);
    expect((await move(review.id, 'cancelled', people.osloEditor.headers)).status).toBe(403);
    expect((await move(review.id, 'self_assessment', people.osloEditor.headers)).status).toBe(200);
    expect((await move(review.id, 'desk_review', people.osloEditor.headers)).status).toBe(200);
    expect((await move(review.id, 'visit', people.osloEditor.headers)).status).toBe(403);
    expect((await move(review.id, 'visit', people.munichEditor.headers)).status).toBe(200);
  });

  it('lets the secretariat move a review back one stage, and restore a cancelled one, audited', async () => {
    const { people } = t;
    const admin = people.admin.headers;
    const review = await createReview();
    await expectProblem(await revert(review.id, admin), 409); // planned: nothing earlier
    for (const s of ['self_assessment', 'desk_review', 'visit']) expect((await move(review.id, s, admin)).status).toBe(200);
    expect((await revert(review.id, people.osloEditor.headers)).status).toBe(403);
    let res = await revert(review.id, admin);
    expect((await res.json()).stage).toBe('desk_review');
    expect((await move(review.id, 'cancelled', admin)).status).toBe(200);
    res = await revert(review.id, admin);
    expect((await res.json()).stage).toBe('desk_review');
    const reverts = await t.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'peer_review.revert') });
    expect(reverts.map((r) => [(r.oldValue as { stage: string }).stage, (r.newValue as { stage: string }).stage])).toEqual([
      ['visit', 'desk_review'],
      ['cancelled', 'desk_review'],
    ]);
  });

  it('keeps each finding field to its stage (409) and its side (403), and checks scores against the scale', async () => {
    const { people } = t;
    const review = await createReview();
    const f = review.findings[0];
    const h = (who: Headers) => ({ ...who, 'if-match': findingEtag(f) });
    expect((await t.put(`/api/peer-review-findings/${f.id}`, { peerScore: 2 }, h(people.admin.headers))).status).toBe(409);
    expect((await t.put(`/api/peer-review-findings/${f.id}`, { selfScore: 2 }, h(people.munichEditor.headers))).status).toBe(403);
    expect((await t.put(`/api/peer-review-findings/${f.id}`, { selfScore: 2 }, h(people.osloViewer.headers))).status).toBe(403);
    const p = await expectProblem(await t.put(`/api/peer-review-findings/${f.id}`, { selfScore: 9 }, h(people.osloEditor.headers)), 422);
    expect(p.errors![0].pointer).toBe('body.selfScore');
    await expectProblem(await t.put(`/api/peer-review-findings/${f.id}`, {}, h(people.osloEditor.headers)), 422);
    await expectProblem(await t.put(`/api/peer-review-findings/${f.id}`, { selfScore: 2 }, people.osloEditor.headers), 428);
  });
});

describe('concurrency', () => {
  it('two writes with the same ETag: exactly one wins, the other gets 412', async () => {
    const { people } = t;
    const review = await createReview();
    const tag = await etagOf(review.id);
    const results = await Promise.all([
      t.put(`/api/peer-reviews/${review.id}`, { visitStart: '2024-10-01' }, { ...people.admin.headers, 'if-match': tag }),
      t.put(`/api/peer-reviews/${review.id}`, { visitStart: '2024-11-01' }, { ...people.osloEditor.headers, 'if-match': tag }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const f = review.findings[1];
    const both = await Promise.all([1, 0].map((v) => t.put(`/api/peer-review-findings/${f.id}`, { selfScore: v }, { ...people.osloEditor.headers, 'if-match': findingEtag(f) })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    const stages = await Promise.all(['self_assessment', 'cancelled'].map(async (s) => t.post(`/api/peer-reviews/${review.id}/stage`, { stage: s }, { ...people.admin.headers, 'if-match': await etagOf(review.id) })));
    expect(stages.map((r) => r.status).sort()).toEqual([200, 412]);
  });
});

describe('who sees peer reviews', () => {
  it('host and reviewer cities and the secretariat; everyone else gets 404 and an empty list', async () => {
    const { fixture: f, people } = t;
    const review = await createReview();
    for (const who of [people.admin, people.osloEditor, people.osloViewer, people.munichEditor]) expect((await t.get(`/api/peer-reviews/${review.id}`, who.headers)).status).toBe(200);
    for (const who of [people.otherAdmin.headers, people.researcher.headers, {}]) {
      await expectProblem(await t.get(`/api/peer-reviews/${review.id}`, who), 404);
      expect(await (await t.get(`/api/networks/${f.net.id}/peer-reviews`, who)).json()).toEqual([]);
    }
    expect((await (await t.get(`/api/networks/${f.net.id}/peer-reviews`, people.munichEditor.headers)).json()).map((r: { id: number }) => r.id)).toEqual([review.id]);
    // the secretariat alone changes the team
    const res = await t.put(`/api/peer-reviews/${review.id}`, { members: [] }, { ...people.osloEditor.headers, 'if-match': await etagOf(review.id) });
    await expectProblem(res, 403);
  });
});
