/**
 * The authorization matrix, generated from the router: every served route × role, with the status
 * each role must get. A route without a rule here fails the first test, so no route ships unruled.
 *
 * Roles: the secretariat of the network (admin), the secretariat of another network, Oslo's editor on
 * Oslo's objects (editorOwn) and on Munich's (editorOther), Oslo's viewer, a researcher, anonymous.
 */
import { describe, expect, it } from 'vitest';
import { fixtureApp } from '../helpers/app';
import { FIXTURE_PASSWORD } from '../helpers/fixture';
import { jobsOf } from '../../server/services/exports/jobs';
import { actionItems, actionPlans, peerReviewFindings, peerReviewMembers, peerReviews, studyVisits } from '../../db/schema';

type T = Awaited<ReturnType<typeof fixtureApp>>;
type Role = 'admin' | 'otherAdmin' | 'editorOwn' | 'editorOther' | 'viewer' | 'researcher' | 'anonymous';
const ROLES: Role[] = ['admin', 'otherAdmin', 'editorOwn', 'editorOther', 'viewer', 'researcher', 'anonymous'];
type Side = 'own' | 'other';
interface Request {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Rule {
  /** The request for an object of Oslo (own) or Munich (other). */
  request: (t: T, side: Side, role: Role) => Request | Promise<Request>;
  expect: Record<Role, number>;
  /** Writes run on a fresh database per role. */
  writes?: boolean;
}

const all = (status: number): Record<Role, number> => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, number>;
const st = (admin: number, otherAdmin: number, editorOwn: number, editorOther: number, viewer: number, researcher: number, anonymous: number) => ({ admin, otherAdmin, editorOwn, editorOther, viewer, researcher, anonymous });
const city = (t: T, side: Side) => (side === 'own' ? t.fixture.cities.oslo.id : t.fixture.cities.munich.id);
const sub = (t: T, side: Side) => (side === 'own' ? t.fixture.osloSub.id : t.fixture.munichSub.id);
const net = (t: T) => t.fixture.net.id;
const open = (t: T) => t.fixture.openRound.id;
const membershipOf = async (t: T, side: Side) => (await t.db.query.memberships.findFirst({ where: (m, { and, eq }) => and(eq(m.cityId, city(t, side)), eq(m.networkId, net(t))) }))!.id;
const membershipMatch = async (t: T, side: Side) => ({ 'if-match': (await t.get(`/api/memberships/${await membershipOf(t, side)}`, t.people.admin.headers)).headers.get('etag')! });
const ifMatch = async (t: T, side: Side) => ({ 'if-match': (await t.get(`/api/submissions/${sub(t, side)}`, t.people.admin.headers)).headers.get('etag')! });

/** A peer review hosted by Oslo (own) or Munich (other), reviewed by Barcelona; created on first use. */
const review = async (t: T, side: Side, stage: (typeof peerReviews.$inferSelect)['stage'] = 'planned') => {
  const existing = await t.db.query.peerReviews.findFirst({ where: (r, { eq }) => eq(r.hostCityId, city(t, side)) });
  if (existing) return existing;
  const [row] = await t.db.insert(peerReviews).values({ networkId: net(t), roundId: open(t), hostCityId: city(t, side), stage }).returning();
  await t.db.insert(peerReviewMembers).values({ peerReviewId: row.id, cityId: t.fixture.cities.barcelona.id });
  await t.db.insert(peerReviewFindings).values({ peerReviewId: row.id, indicatorId: t.fixture.indicators[0].id });
  return row;
};
const reviewIfMatch = async (t: T, side: Side, stage?: (typeof peerReviews.$inferSelect)['stage']) => {
  const r = await review(t, side, stage);
  return { id: r.id, headers: { 'if-match': `"peer-review-${r.id}-v${r.version}"` } };
};

/** One export by the researcher per app (finished when `done`), for the export status/download rules. */
const exportsOf = new WeakMap<object, Promise<string>>();
function researcherExport(t: T, done = false): Promise<string> {
  if (!exportsOf.has(t.db)) exportsOf.set(t.db, Promise.resolve(t.post('/api/exports', { roundIds: [t.fixture.closedRound.id], formats: ['csv'] }, t.people.researcher.headers)).then(async (r: Response) => (await r.json()).id as string));
  return exportsOf.get(t.db)!.then(async (id) => (done ? (await jobsOf(t.db).idle(), id) : id));
}

/** A study visit Oslo (own) or Munich (other) makes to Barcelona; created on first use. */
const visit = async (t: T, side: Side, status: (typeof studyVisits.$inferSelect)['status'] = 'requested') => {
  const existing = await t.db.query.studyVisits.findFirst({ where: (v, { eq }) => eq(v.visitorCityId, city(t, side)) });
  if (existing) return existing;
  const [row] = await t.db.insert(studyVisits).values({ networkId: net(t), visitorCityId: city(t, side), hostCityId: t.fixture.cities.barcelona.id, indicatorId: t.fixture.indicators[0].id, year: 2025, status }).returning();
  return row;
};
const visitIfMatch = (v: { id: number; version: number }) => ({ 'if-match': `"study-visit-${v.id}-v${v.version}"` });
/** Oslo's (own) or Munich's (other) action plan with one item; created on first use. */
const plan = async (t: T, side: Side) => {
  const existing = await t.db.query.actionPlans.findFirst({ where: (p, { eq }) => eq(p.cityId, city(t, side)) });
  if (existing) return existing;
  const [row] = await t.db.insert(actionPlans).values({ networkId: net(t), cityId: city(t, side), baselineRoundId: t.fixture.closedRound.id, title: 'Plan' }).returning();
  await t.db.insert(actionItems).values({ actionPlanId: row.id, indicatorId: t.fixture.indicators[0].id, goal: 'Goal', horizon: 'quick_win' });
  return row;
};

const RULES: Record<string, Rule> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expect: all(200) },
  'GET /api/ready': { request: () => ({ path: '/api/ready' }), expect: all(200) },
  'POST /api/auth/login': { request: (t) => ({ path: '/api/auth/login', body: { email: t.people.admin.email, password: FIXTURE_PASSWORD } }), expect: all(200), writes: true },
  'POST /api/auth/logout': { request: () => ({ path: '/api/auth/logout' }), expect: all(204), writes: true },
  'GET /api/auth/me': { request: () => ({ path: '/api/auth/me' }), expect: all(200) },
  'POST /api/auth/invitations/accept': { request: () => ({ path: '/api/auth/invitations/accept', body: { token: 'no-such-invitation-token', name: 'X', password: 'a good long passphrase' } }), expect: all(404), writes: true },
  'GET /api/auth/tokens': { request: () => ({ path: '/api/auth/tokens' }), expect: st(200, 200, 200, 200, 200, 200, 401) },
  // tokens cannot mint tokens; a browser session can (tested in auth.test.ts)
  'POST /api/auth/tokens': { request: (t) => ({ path: '/api/auth/tokens', body: { name: 'x', role: 'researcher' } }), expect: st(403, 403, 403, 403, 403, 403, 401), writes: true },
  'DELETE /api/auth/tokens/{id}': { request: async (t) => ({ path: `/api/auth/tokens/${(await t.db.query.apiTokens.findFirst({ where: (a, { eq }) => eq(a.userId, t.people.admin.userId) }))!.id}` }), expect: st(204, 404, 404, 404, 404, 404, 401), writes: true },
  'POST /api/networks/{id}/invitations': { request: (t, s) => ({ path: `/api/networks/${net(t)}/invitations`, body: { email: 'new@x.example', role: 'city_viewer', cityId: city(t, s) } }), expect: st(201, 403, 403, 403, 403, 403, 401), writes: true },
  'GET /api/networks/{id}/invitations': { request: (t) => ({ path: `/api/networks/${net(t)}/invitations` }), expect: st(200, 403, 403, 403, 403, 403, 401) },
  'GET /api/networks/{id}/outbox': { request: (t) => ({ path: `/api/networks/${net(t)}/outbox` }), expect: st(200, 403, 403, 403, 403, 403, 401) },
  'GET /api/audit': { request: () => ({ path: '/api/audit' }), expect: st(200, 200, 403, 403, 403, 403, 401) },
  'POST /api/users/{id}/disable': { request: (t, s) => ({ path: `/api/users/${s === 'own' ? t.people.osloViewer.userId : t.people.munichEditor.userId}/disable` }), expect: st(204, 403, 403, 403, 403, 403, 401), writes: true },
  'GET /api/networks': { request: () => ({ path: '/api/networks' }), expect: all(200) },
  'GET /api/networks/{id}': { request: (t) => ({ path: `/api/networks/${net(t)}` }), expect: all(200) },
  'GET /api/networks/{id}/memberships': { request: (t) => ({ path: `/api/networks/${net(t)}/memberships` }), expect: all(200) },
  'GET /api/memberships/{id}': { request: async (t, s) => ({ path: `/api/memberships/${(await t.db.query.memberships.findFirst({ where: (m, { eq }) => eq(m.cityId, city(t, s)) }))!.id}` }), expect: all(200) },
  'GET /api/cities': { request: () => ({ path: '/api/cities' }), expect: all(200) },
  'GET /api/cities/{id}': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}` }), expect: all(200) },
  'GET /api/cities/{id}/context-values': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/context-values` }), expect: all(200) },
  'PUT /api/cities/{id}/context-values': {
    request: (t, s) => ({ path: `/api/cities/${city(t, s)}/context-values`, body: { values: [{ variable: 'unemployment_rate', year: 2024, value: 5, source: 'matrix test' }] } }),
    expect: st(200, 403, 200, 403, 403, 403, 401),
    writes: true,
  },
  'GET /api/context-variables': { request: () => ({ path: '/api/context-variables' }), expect: all(200) },
  'GET /api/frameworks': { request: () => ({ path: '/api/frameworks' }), expect: all(200) },
  'GET /api/frameworks/{id}': { request: (t) => ({ path: `/api/frameworks/${t.fixture.fw.id}` }), expect: all(200) },
  'GET /api/rounds': { request: () => ({ path: '/api/rounds' }), expect: all(200) },
  'GET /api/rounds/{id}': { request: (t) => ({ path: `/api/rounds/${open(t)}` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/rounds/{id}/submissions': { request: (t) => ({ path: `/api/rounds/${open(t)}/submissions` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/submissions/{id}': { request: (t, s) => ({ path: `/api/submissions/${sub(t, s)}` }), expect: st(200, 404, 200, 404, 200, 404, 404) },
  'POST /api/rounds/{id}/submissions': {
    // Oslo already has one (409 for its editor); the secretariat starts Barcelona's; Munich is not the editor's city
    request: (t, s, role) => ({ path: `/api/rounds/${open(t)}/submissions`, body: role === 'editorOwn' || role === 'viewer' ? {} : { cityId: role === 'editorOther' ? city(t, s) : t.fixture.cities.barcelona.id } }),
    expect: st(201, 404, 409, 403, 403, 404, 404),
    writes: true,
  },
  'PUT /api/submissions/{id}/scores': {
    request: async (t, s) => ({ path: `/api/submissions/${sub(t, s)}/scores`, body: { scores: [{ indicatorId: t.fixture.indicators[0].id, value: 2 }] }, headers: await ifMatch(t, s) }),
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  'POST /api/submissions/{id}/submit': {
    request: async (t, s) => ({ path: `/api/submissions/${sub(t, s)}/submit`, headers: await ifMatch(t, s) }),
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  // context peers use only public context facts; the default round is the newest one the caller may see
  'GET /api/cities/{id}/peers': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/peers` }), expect: all(200) },
  'GET /api/cities/{id}/learn-from': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/learn-from?round=${open(t)}` }), expect: st(200, 404, 404, 404, 404, 404, 404) },
  'GET /api/cities/{id}/gaps': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/gaps?round=${open(t)}` }), expect: st(200, 404, 404, 404, 404, 404, 404) },
  'GET /api/cities/{id}/study-visits': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/study-visits?round=${open(t)}` }), expect: st(200, 404, 404, 404, 404, 404, 404) },
  'GET /api/rounds/{id}/study-visits': { request: (t) => ({ path: `/api/rounds/${open(t)}/study-visits` }), expect: st(200, 404, 404, 404, 404, 404, 404) },
  'GET /api/rounds/{id}/peer-review-plan': { request: (t) => ({ path: `/api/rounds/${t.fixture.closedRound.id}/peer-review-plan?reviewersPerHost=1` }), expect: st(200, 403, 403, 403, 403, 403, 401) },
  'GET /api/rounds/{id}/clusters': { request: (t) => ({ path: `/api/rounds/${open(t)}/clusters?k=2&stabilityRuns=0` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/rounds/{id}/projection': { request: (t) => ({ path: `/api/rounds/${open(t)}/projection?space=performance` }), expect: st(409, 404, 404, 404, 404, 404, 404) },
  'POST /api/networks/{id}/rounds': { request: (t) => ({ path: `/api/networks/${net(t)}/rounds`, body: { frameworkId: t.fixture.fw.id, year: 2030, name: 'Round 2030' } }), expect: st(201, 403, 403, 403, 403, 403, 401), writes: true },
  'POST /api/rounds/{id}/transition': {
    request: async (t) => ({ path: `/api/rounds/${open(t)}/transition`, body: { to: 'closed' }, headers: { 'if-match': (await t.get(`/api/rounds/${open(t)}`, t.people.admin.headers)).headers.get('etag')! } }),
    expect: st(200, 404, 403, 403, 403, 404, 404),
    writes: true,
  },
  'GET /api/rounds/{id}/status-board': { request: (t) => ({ path: `/api/rounds/${open(t)}/status-board` }), expect: st(200, 404, 403, 403, 403, 404, 404) },
  'POST /api/rounds/{id}/reminders': { request: (t) => ({ path: `/api/rounds/${open(t)}/reminders` }), expect: st(200, 404, 403, 403, 403, 404, 404), writes: true },
  'GET /api/rounds/{id}/snapshot': { request: (t) => ({ path: `/api/rounds/${t.fixture.closedRound.id}/snapshot` }), expect: all(200) },
  'GET /api/rounds/{id}/report': { request: (t) => ({ path: `/api/rounds/${t.fixture.closedRound.id}/report` }), expect: all(200) },
  // Munich has no answer in the published round: no profile to show
  'GET /api/cities/{id}/report': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/report?round=${t.fixture.closedRound.id}` }), expect: st(200, 200, 200, 404, 200, 200, 200) },
  // osloSub is a draft: the secretariat may review but only submitted answers can be returned or validated (409)
  'POST /api/submissions/{id}/return': { request: async (t, s) => ({ path: `/api/submissions/${sub(t, s)}/return`, body: { comment: 'please revise' }, headers: await ifMatch(t, s) }), expect: st(409, 404, 403, 404, 403, 404, 404), writes: true },
  'POST /api/submissions/{id}/validate': { request: async (t, s) => ({ path: `/api/submissions/${sub(t, s)}/validate`, headers: await ifMatch(t, s) }), expect: st(409, 404, 403, 404, 403, 404, 404), writes: true },
  // admin must name a city (422); Oslo is already a member (409); Munich is not the editor's city (403)
  'POST /api/networks/{id}/applications': { request: (t, s, role) => ({ path: `/api/networks/${net(t)}/applications`, body: role === 'editorOther' ? { cityId: city(t, s) } : {} }), expect: st(422, 403, 409, 403, 403, 403, 401), writes: true },
  'POST /api/memberships/{id}/transition': { request: async (t, s) => ({ path: `/api/memberships/${await membershipOf(t, s)}/transition`, body: { to: 'suspended', effectiveOn: '2025-01-01' }, headers: await membershipMatch(t, s) }), expect: st(200, 403, 403, 403, 403, 403, 401), writes: true },
  'PATCH /api/memberships/{id}': { request: async (t, s) => ({ path: `/api/memberships/${await membershipOf(t, s)}`, body: { coordinatorName: 'X' }, headers: await membershipMatch(t, s) }), expect: st(200, 403, 403, 403, 403, 403, 401), writes: true },
  'GET /api/memberships/{id}/history': { request: async (t, s) => ({ path: `/api/memberships/${await membershipOf(t, s)}/history` }), expect: st(200, 403, 200, 403, 200, 403, 401) },
  'PUT /api/memberships/{id}/fees/{year}': { request: async (t, s) => ({ path: `/api/memberships/${await membershipOf(t, s)}/fees/2025`, body: { amount: 100, currency: 'EUR' } }), expect: st(200, 403, 403, 403, 403, 403, 401), writes: true },
  'GET /api/rounds/{id}/matrix': { request: (t) => ({ path: `/api/rounds/${open(t)}/matrix` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  // spreadsheets: templates and exports follow the round's visibility (a member city's people see their own rows)
  'GET /api/rounds/{id}/template.csv': { request: (t) => ({ path: `/api/rounds/${open(t)}/template.csv` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/rounds/{id}/template.xlsx': { request: (t) => ({ path: `/api/rounds/${open(t)}/template.xlsx` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/rounds/{id}/export.csv': { request: (t) => ({ path: `/api/rounds/${open(t)}/export.csv` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/rounds/{id}/export.xlsx': { request: (t) => ({ path: `/api/rounds/${open(t)}/export.xlsx` }), expect: st(200, 404, 200, 200, 200, 404, 404) },
  'GET /api/context-variables/template.csv': { request: () => ({ path: '/api/context-variables/template.csv' }), expect: all(200) },
  'GET /api/context-variables/template.xlsx': { request: () => ({ path: '/api/context-variables/template.xlsx' }), expect: all(200) },
  // a row of another city (Munich for Oslo's editor) refuses the whole file, naming the row
  'POST /api/rounds/{id}/imports': {
    request: (t, s) => ({ path: `/api/rounds/${open(t)}/imports`, body: `city_code,indicator_code,value\n${s === 'own' ? 'NO001C' : 'DE003C'},I1,4\n`, headers: { 'content-type': 'text/csv' } }),
    expect: st(200, 404, 200, 422, 403, 404, 404),
    writes: true,
  },
  'POST /api/cities/context-values/imports': {
    request: (_t, s) => ({ path: '/api/cities/context-values/imports', body: `city_code,variable,year,value,source\n${s === 'own' ? 'NO001C' : 'DE003C'},unemployment_rate,2024,5,matrix test\n`, headers: { 'content-type': 'text/csv' } }),
    expect: st(200, 403, 200, 422, 403, 403, 401),
    writes: true,
  },
  // research exports: researchers and secretariat admins; a job is seen by its requester and the rounds' secretariat
  'POST /api/exports': { request: (t) => ({ path: '/api/exports', body: { roundIds: [t.fixture.closedRound.id], formats: ['csv'] } }), expect: st(202, 202, 403, 403, 403, 202, 401), writes: true },
  'GET /api/exports/{id}': { request: async (t) => ({ path: `/api/exports/${await researcherExport(t)}` }), expect: st(200, 404, 404, 404, 404, 200, 401) },
  'GET /api/exports/{id}/download': { request: async (t) => ({ path: `/api/exports/${await researcherExport(t, true)}/download` }), expect: st(200, 404, 404, 404, 404, 200, 401) },
  // peer reviews: the secretariat creates them; host and reviewer cities take part; others see nothing
  'GET /api/networks/{id}/peer-reviews': { request: (t) => ({ path: `/api/networks/${net(t)}/peer-reviews` }), expect: all(200) },
  'POST /api/networks/{id}/peer-reviews': {
    request: (t, s) => ({ path: `/api/networks/${net(t)}/peer-reviews`, body: { roundId: open(t), hostCityId: city(t, s), reviewerCityIds: [t.fixture.cities.barcelona.id] } }),
    expect: st(201, 403, 403, 403, 403, 403, 401),
    writes: true,
  },
  'POST /api/rounds/{id}/peer-reviews/from-plan': {
    request: (t, s) => ({ path: `/api/rounds/${open(t)}/peer-reviews/from-plan`, body: { teams: [{ hostCityId: city(t, s), reviewerCityIds: [t.fixture.cities.barcelona.id] }] } }),
    expect: st(201, 404, 403, 403, 403, 404, 404),
    writes: true,
  },
  'GET /api/peer-reviews/{id}': { request: async (t, s) => ({ path: `/api/peer-reviews/${(await review(t, s)).id}` }), expect: st(200, 404, 200, 404, 200, 404, 404) },
  'PUT /api/peer-reviews/{id}': {
    request: async (t, s) => {
      const r = await reviewIfMatch(t, s);
      return { path: `/api/peer-reviews/${r.id}`, body: { visitStart: '2024-10-01' }, headers: r.headers };
    },
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  'POST /api/peer-reviews/{id}/stage': {
    request: async (t, s) => {
      const r = await reviewIfMatch(t, s);
      return { path: `/api/peer-reviews/${r.id}/stage`, body: { stage: 'self_assessment' }, headers: r.headers };
    },
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  'POST /api/peer-reviews/{id}/revert': {
    request: async (t, s) => {
      const r = await reviewIfMatch(t, s, 'desk_review');
      return { path: `/api/peer-reviews/${r.id}/revert`, headers: r.headers };
    },
    expect: st(200, 404, 403, 404, 403, 404, 404),
    writes: true,
  },
  'POST /api/peer-reviews/{id}/notes': {
    request: async (t, s) => ({ path: `/api/peer-reviews/${(await review(t, s)).id}/notes`, body: { kind: 'other', text: 'Evidence: council minutes' } }),
    expect: st(201, 404, 201, 404, 403, 404, 404),
    writes: true,
  },
  'PUT /api/peer-review-findings/{id}': {
    request: async (t, s) => {
      const r = await review(t, s);
      const f = (await t.db.query.peerReviewFindings.findFirst({ where: (x, { eq }) => eq(x.peerReviewId, r.id) }))!;
      return { path: `/api/peer-review-findings/${f.id}`, body: { selfScore: 2 }, headers: { 'if-match': `"peer-review-finding-${f.id}-v${f.version}"` } };
    },
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  // study visits: the visiting city requests and cancels, the host answers, the secretariat does all
  'GET /api/networks/{id}/study-visits': { request: (t) => ({ path: `/api/networks/${net(t)}/study-visits` }), expect: all(200) },
  'POST /api/networks/{id}/study-visits': {
    request: (t, s) => ({ path: `/api/networks/${net(t)}/study-visits`, body: { visitorCityId: city(t, s), hostCityId: t.fixture.cities.barcelona.id, indicatorId: null, year: 2025 } }),
    expect: st(201, 403, 201, 403, 403, 403, 401),
    writes: true,
  },
  'POST /api/cities/{id}/study-visits/from-plan': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/study-visits/from-plan?round=${t.fixture.closedRound.id}&visits=1` }), expect: st(201, 403, 201, 403, 403, 403, 401), writes: true },
  'POST /api/rounds/{id}/study-visits/requests': { request: (t) => ({ path: `/api/rounds/${t.fixture.closedRound.id}/study-visits/requests?visits=1` }), expect: st(201, 403, 403, 403, 403, 403, 401), writes: true },
  'GET /api/study-visits/{id}': { request: async (t, s) => ({ path: `/api/study-visits/${(await visit(t, s)).id}` }), expect: st(200, 404, 200, 404, 200, 404, 404) },
  'POST /api/study-visits/{id}/status': {
    request: async (t, s) => {
      const v = await visit(t, s);
      return { path: `/api/study-visits/${v.id}/status`, body: { status: 'cancelled' }, headers: visitIfMatch(v) };
    },
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  'POST /api/study-visits/{id}/revert': {
    request: async (t, s) => {
      const v = await visit(t, s, 'accepted');
      return { path: `/api/study-visits/${v.id}/revert`, headers: visitIfMatch(v) };
    },
    expect: st(200, 404, 403, 404, 403, 404, 404),
    writes: true,
  },
  'PUT /api/study-visits/{id}/report': {
    request: async (t, s) => {
      const v = await visit(t, s, 'scheduled');
      return { path: `/api/study-visits/${v.id}/report`, body: { reportLessons: 'Lessons' }, headers: visitIfMatch(v) };
    },
    expect: st(200, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  'PUT /api/cities/{id}/host-capacity': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/host-capacity`, body: { networkId: net(t), year: 2025, capacity: 4 } }), expect: st(200, 403, 200, 403, 403, 403, 401), writes: true },
  // action plans: private to the city (editors write, viewers read) and its secretariat (reads)
  'GET /api/cities/{id}/action-plans': { request: async (t, s) => (await plan(t, s), { path: `/api/cities/${city(t, s)}/action-plans` }), expect: st(200, 404, 200, 404, 200, 404, 404) },
  'POST /api/cities/{id}/action-plans': { request: (t, s) => ({ path: `/api/cities/${city(t, s)}/action-plans`, body: { baselineRoundId: t.fixture.closedRound.id, title: 'Plan' } }), expect: st(403, 403, 201, 403, 403, 403, 401), writes: true },
  'GET /api/action-plans/{id}': { request: async (t, s) => ({ path: `/api/action-plans/${(await plan(t, s)).id}` }), expect: st(200, 404, 200, 404, 200, 404, 404) },
  'PUT /api/action-plans/{id}': {
    request: async (t, s) => {
      const p = await plan(t, s);
      return { path: `/api/action-plans/${p.id}`, body: { status: 'adopted' }, headers: { 'if-match': `"action-plan-${p.id}-v${p.version}"` } };
    },
    expect: st(403, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
  'POST /api/action-plans/{id}/items': {
    request: async (t, s) => ({ path: `/api/action-plans/${(await plan(t, s)).id}/items`, body: { indicatorId: t.fixture.indicators[1].id, goal: 'Publish it', horizon: 'quick_win' } }),
    expect: st(403, 404, 201, 404, 403, 404, 404),
    writes: true,
  },
  'PUT /api/action-items/{id}': {
    request: async (t, s) => {
      const planId = (await plan(t, s)).id;
      const item = (await t.db.query.actionItems.findFirst({ where: (i, { eq }) => eq(i.actionPlanId, planId) }))!;
      return { path: `/api/action-items/${item.id}`, body: { status: 'done' }, headers: { 'if-match': `"action-item-${item.id}-v${item.version}"` } };
    },
    expect: st(403, 404, 200, 404, 403, 404, 404),
    writes: true,
  },
};

function servedRoutes(app: T['app']) {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json' && !r.path.startsWith('/api/docs') && r.path !== '/api/*')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].sort();
}

function headersOf(t: T, role: Role): Record<string, string> {
  const who = { admin: 'admin', otherAdmin: 'otherAdmin', editorOwn: 'osloEditor', editorOther: 'osloEditor', viewer: 'osloViewer', researcher: 'researcher', anonymous: null } as const;
  const key = who[role];
  return key ? t.people[key].headers : {};
}

async function statusFor(t: T, route: string, rule: Rule, role: Role) {
  const method = route.split(' ')[0];
  const side: Side = role === 'editorOther' ? 'other' : 'own';
  const req = await rule.request(t, side, role);
  const raw = typeof req.body === 'string'; // sent as is (e.g. a CSV upload), with the rule's content-type
  const headers = { ...headersOf(t, role), ...req.headers, ...(req.body === undefined || raw ? {} : { 'content-type': 'application/json' }) };
  const res = await t.app.request(req.path, { method, headers, body: req.body === undefined ? undefined : raw ? (req.body as string) : JSON.stringify(req.body) });
  return res.status;
}

describe('authorization matrix', () => {
  it('has a rule for every route the router serves (and no rule for a route that is gone)', async () => {
    const t = await fixtureApp();
    expect(Object.keys(RULES).sort()).toEqual(servedRoutes(t.app));
  });

  it('gives every role the expected status on every route', async () => {
    const shared = await fixtureApp();
    const got: Record<string, Record<Role, number>> = {};
    for (const [route, rule] of Object.entries(RULES)) {
      got[route] = {} as Record<Role, number>;
      for (const role of ROLES) got[route][role] = await statusFor(rule.writes ? await fixtureApp() : shared, route, rule, role);
    }
    expect(got).toEqual(Object.fromEntries(Object.entries(RULES).map(([route, rule]) => [route, rule.expect])));
  });
});
