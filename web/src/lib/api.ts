/**
 * The one file that knows API URLs: a typed client generated from the server's routes (`AppType`).
 * Errors come back as RFC 9457 problems and are thrown as `ApiError`. GET answers are memoised for
 * the page's lifetime (`fresh: true` bypasses it); writes clear the memo.
 *
 * @example
 * const city = await api.city(12); // typed CityDetail
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app';

/** CSRF token of the signed-in session (from /api/auth/me or login), sent with every request. */
let csrf = '';
const client = hc<AppType>(typeof location === 'undefined' ? 'http://localhost' : location.origin, {
  headers: (): Record<string, string> => (csrf ? { 'x-csrf-token': csrf } : {}),
});

export interface FieldError { pointer: string; detail: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: FieldError[]; allowed?: string[] },
    /** Seconds to wait before retrying (from Retry-After on 429). */
    readonly retryAfter?: number,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

async function fail(res: Response): Promise<never> {
  const retry = Number(res.headers.get('Retry-After'));
  throw new ApiError(res.status, await res.json().catch(() => ({})), Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

async function ok<T>(pending: Promise<Response>): Promise<T> {
  const res = await pending;
  if (!res.ok) return fail(res);
  return res.status === 204 ? (undefined as T) : res.json();
}

/** A write's answer: clears the memo so later reads see the change. */
async function wrote<T>(pending: Promise<Response>): Promise<T> {
  const out = await ok<T>(pending);
  memo.clear();
  return out;
}

/** A read of an editable record with its ETag (for If-Match on the next write). */
async function tagged<T>(pending: Promise<Response>): Promise<{ value: T; etag: string }> {
  const res = await pending;
  if (!res.ok) return fail(res);
  return { value: await res.json(), etag: res.headers.get('ETag') ?? '' };
}

const memo = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, load().catch((e) => (memo.delete(key), Promise.reject(e))));
  return memo.get(key) as Promise<T>;
}
const s = (n: number) => String(n);
type R = Promise<Response>;

const c = client.api;
export type CityPage = InferResponseType<(typeof c.cities)['$get'], 200>;
export type CitySummary = CityPage['items'][number];
export type CityDetail = InferResponseType<(typeof c.cities)[':id']['$get'], 200>;
export type ContextValue = CityDetail['contextValues'][number];
export type Framework = InferResponseType<(typeof c.frameworks)[':id']['$get'], 200>;
export type Indicator = Framework['areas'][number]['indicators'][number];
export type Submission = InferResponseType<(typeof c.submissions)[':id']['$get'], 200>;
export type NetworkList = InferResponseType<(typeof c.networks)['$get'], 200>;
export type Network = NetworkList['items'][number];
export type Round = InferResponseType<(typeof c.rounds)[':id']['$get'], 200>;
export type SubmissionSummary = InferResponseType<(typeof c.rounds)[':id']['submissions']['$get'], 200>['items'][number];
export type ContextVariable = InferResponseType<(typeof c)['context-variables']['$get'], 200>['items'][number];
export type Peers = InferResponseType<(typeof c.cities)[':id']['peers']['$get'], 200>;
export type LearnFrom = InferResponseType<(typeof c.cities)[':id']['learn-from']['$get'], 200>;
export type Gaps = InferResponseType<(typeof c.cities)[':id']['gaps']['$get'], 200>;
export type StudyVisits = InferResponseType<(typeof c.cities)[':id']['study-visits']['$get'], 200>;
export type Clusters = InferResponseType<(typeof c.rounds)[':id']['clusters']['$get'], 200>;
export type Projection = InferResponseType<(typeof c.rounds)[':id']['projection']['$get'], 200>;
export type RoundMatrix = InferResponseType<(typeof c.rounds)[':id']['matrix']['$get'], 200>;
export type Meta = RoundMatrix['meta'];
export type Me = InferResponseType<(typeof c.auth)['me']['$get'], 200>;
export type User = NonNullable<Me['user']>;
export type Space = 'context' | 'performance';
export type Role = User['grants'][number]['role'];
export type Grant = User['grants'][number];
export type ApiToken = InferResponseType<(typeof c.auth.tokens)['$get'], 200>['items'][number];
export type NewToken = InferResponseType<(typeof c.auth.tokens)['$post'], 201>;
export type Membership = InferResponseType<(typeof c.networks)[':id']['memberships']['$get'], 200>['items'][number];
export type OutboxMessage = InferResponseType<(typeof c.networks)[':id']['outbox']['$get'], 200>['items'][number];
export type AuditPage = InferResponseType<(typeof c.audit)['$get'], 200>;
export type AuditQuery = { network?: string; action?: string; actor?: string; from?: string; to?: string; page?: string; pageSize?: string };
export type PeerReviewPlan = InferResponseType<(typeof c.rounds)[':id']['peer-review-plan']['$get'], 200>;
export type PlanQuery = { hosts?: string; reviewersPerHost?: string; maxReviews?: string; sharedLanguage?: 'true' | 'false' };
export type RoundStatus = Round['status'];
export type RoundDetail = Round;
export type NewRound = { frameworkId: number; year: number; name: string; opensOn?: string; deadline?: string; weightSetId?: number };
export type StatusBoard = InferResponseType<(typeof c.rounds)[':id']['status-board']['$get'], 200>;
export type BoardItem = StatusBoard['items'][number];
export type MembershipStatus = Membership['status'];
export type MembershipEdit = { coordinatorName?: string | null; coordinatorEmail?: string | null; deputyName?: string | null; deputyEmail?: string | null; charterSignedOn?: string | null; annualFee?: number | null; feeCurrency?: string | null };
export type MembershipHistory = InferResponseType<(typeof c.memberships)[':id']['history']['$get'], 200>;
export type PlanTeam = { hostCityId: number; reviewerCityIds: number[] };
export type ScoreWrite = { indicatorId: number; value: number | null; evidenceText?: string | null; note?: string | null; evidence?: { documentType: Submission['scores'][number]['evidence'][number]['documentType']; title: string; url?: string | null }[] };
export type ContextWrite = { variable: string; year: number; value: number | string | boolean | null; source: string; sourceUrl?: string | null; note?: string | null };

async function withEtag(pending: R): Promise<{ submission: Submission; etag: string }> {
  const { value, etag } = await tagged<Submission>(pending);
  memo.clear();
  return { submission: value, etag };
}

export const api = {
  /** Who is signed in (and the CSRF token for writes). */
  me: async () => {
    const m = await ok<Me>(c.auth.me.$get() as R);
    csrf = m.user?.csrfToken ?? '';
    return m;
  },
  login: async (email: string, password: string) => {
    const u = await ok<User>(c.auth.login.$post({ json: { email, password } }) as R);
    csrf = u.csrfToken ?? '';
    memo.clear();
    return u;
  },
  logout: async () => {
    await c.auth.logout.$post();
    csrf = '';
    memo.clear();
  },
  networks: () => cached('networks', () => ok<NetworkList>(c.networks.$get() as R)),
  cities: (query: { network?: string; status?: 'member'; q?: string; sort?: 'name' | '-population' | 'population' | 'country'; page?: string; pageSize?: string }) =>
    ok<CityPage>(c.cities.$get({ query }) as R),
  members: (network: number) => cached(`members:${network}`, () => ok<CityPage>(c.cities.$get({ query: { network: s(network), status: 'member', pageSize: '500' } }) as R)),
  city: (id: number) => cached(`city:${id}`, () => ok<CityDetail>(c.cities[':id'].$get({ param: { id: s(id) } }) as R)),
  framework: (id: number) => cached(`fw:${id}`, () => ok<Framework>(c.frameworks[':id'].$get({ param: { id: s(id) } }) as R)),
  submission: (id: number) => ok<Submission>(c.submissions[':id'].$get({ param: { id: s(id) } }) as R),
  /** The submission with its ETag, for editing. */
  submissionForEdit: (id: number) => withEtag(c.submissions[':id'].$get({ param: { id: s(id) } }) as R),
  rounds: (network: number) => cached(`rounds:${network}`, () => ok<{ items: Round[] }>(c.rounds.$get({ query: { network: s(network) } }) as R)),
  round: (id: number) => cached(`round:${id}`, () => ok<Round>(c.rounds[':id'].$get({ param: { id: s(id) } }) as R)),
  roundSubmissions: (id: number) => ok<{ items: SubmissionSummary[] }>(c.rounds[':id'].submissions.$get({ param: { id: s(id) } }) as R),
  contextVariables: () => cached('ctxvars', () => ok<{ items: ContextVariable[] }>(c['context-variables'].$get() as R)),
  peers: (id: number, query: { round?: string; k?: string; weights?: string }) => ok<Peers>(c.cities[':id'].peers.$get({ param: { id: s(id) }, query }) as R),
  learnFrom: (id: number, round?: number) => cached(`learn:${id}:${round}`, () => ok<LearnFrom>(c.cities[':id']['learn-from'].$get({ param: { id: s(id) }, query: round ? { round: s(round) } : {} }) as R)),
  gaps: (id: number, level: 'indicator' | 'area', round?: number) =>
    cached(`gaps:${id}:${level}:${round}`, () => ok<Gaps>(c.cities[':id'].gaps.$get({ param: { id: s(id) }, query: { level, ...(round ? { round: s(round) } : {}) } }) as R)),
  studyVisits: (id: number, round?: number) => cached(`visits:${id}:${round}`, () => ok<StudyVisits>(c.cities[':id']['study-visits'].$get({ param: { id: s(id) }, query: round ? { round: s(round) } : {} }) as R)),
  clusters: (round: number, space: Space, method: 'kmeans' | 'ward' | 'kmedoids', k?: number) =>
    cached(`clusters:${round}:${space}:${method}:${k}`, () =>
      ok<Clusters>(c.rounds[':id'].clusters.$get({ param: { id: s(round) }, query: { space, method, ...(k ? { k: s(k) } : {}) } }) as R)),
  projection: (round: number, space: Space) => cached(`proj:${round}:${space}`, () => ok<Projection>(c.rounds[':id'].projection.$get({ param: { id: s(round) }, query: { space } }) as R)),
  matrix: (round: number, space: Space) => cached(`matrix:${round}:${space}`, () => ok<RoundMatrix>(c.rounds[':id'].matrix.$get({ param: { id: s(round) }, query: { space, method: 'none' } }) as R)),
  saveScores: (id: number, etag: string, scores: ScoreWrite[]) =>
    withEtag(c.submissions[':id'].scores.$put({ param: { id: s(id) }, header: { 'if-match': etag }, json: { scores } }) as R),
  /** Starts a city's submission in an open round (an editor's own city, or any for the secretariat). */
  startSubmission: (round: number, cityId?: number) => withEtag(c.rounds[':id'].submissions.$post({ param: { id: s(round) }, json: cityId ? { cityId } : {} }) as R),
  submit: (id: number, etag: string) => withEtag(c.submissions[':id'].submit.$post({ param: { id: s(id) }, header: { 'if-match': etag } }) as R),
  saveContextValues: async (cityId: number, values: ContextWrite[]) => {
    const out = await ok<{ items: ContextValue[] }>(c.cities[':id']['context-values'].$put({ param: { id: s(cityId) }, json: { values } }) as R);
    memo.clear();
    return out;
  },
  // ------------------------------------------------------------- account
  tokens: () => ok<{ items: ApiToken[] }>(c.auth.tokens.$get() as R),
  createToken: (body: { name: string; role: Role; networkId: number | null; cityId: number | null; expiresInDays: number }) => ok<NewToken>(c.auth.tokens.$post({ json: body }) as R),
  revokeToken: (id: number) => ok<void>(c.auth.tokens[':id'].$delete({ param: { id: s(id) } }) as R),
  acceptInvitation: async (body: { token: string; name: string; password: string }) => {
    const u = await ok<User>(c.auth.invitations.accept.$post({ json: body }) as R);
    csrf = u.csrfToken ?? '';
    memo.clear();
    return u;
  },
  // ------------------------------------------------------------- secretariat
  roundsFresh: (network: number) => ok<{ items: Round[] }>(c.rounds.$get({ query: { network: s(network) } }) as R),
  frameworks: () => cached('frameworks', () => ok<{ items: { id: number; name: string; version: string }[] }>(c.frameworks.$get() as R)),
  createRound: (network: number, body: NewRound) => wrote<Round>(c.networks[':id'].rounds.$post({ param: { id: s(network) }, json: body }) as R),
  roundForEdit: (id: number) => tagged<RoundDetail>(c.rounds[':id'].$get({ param: { id: s(id) } }) as R),
  transitionRound: (id: number, etag: string, to: RoundStatus) =>
    wrote<Round>(c.rounds[':id'].transition.$post({ param: { id: s(id) }, header: { 'if-match': etag }, json: { to } }) as R),
  statusBoard: (id: number) => ok<StatusBoard>(c.rounds[':id']['status-board'].$get({ param: { id: s(id) } }) as R),
  returnSubmission: (id: number, etag: string, comment: string, indicatorComments: { indicatorId: number; comment: string }[]) =>
    wrote<Submission>(c.submissions[':id'].return.$post({ param: { id: s(id) }, header: { 'if-match': etag }, json: { comment, ...(indicatorComments.length ? { indicatorComments } : {}) } }) as R),
  validateSubmission: (id: number, etag: string) => wrote<Submission>(c.submissions[':id'].validate.$post({ param: { id: s(id) }, header: { 'if-match': etag } }) as R),
  sendReminders: (round: number) => wrote<{ sent: number }>(c.rounds[':id'].reminders.$post({ param: { id: s(round) } }) as R),
  memberships: (network: number) => ok<{ items: Membership[] }>(c.networks[':id'].memberships.$get({ param: { id: s(network) } }) as R),
  membershipForEdit: (id: number) => tagged<Membership>(c.memberships[':id'].$get({ param: { id: s(id) } }) as R),
  applyForMembership: (network: number, cityId?: number) => wrote<Membership>(c.networks[':id'].applications.$post({ param: { id: s(network) }, json: cityId ? { cityId } : {} }) as R),
  transitionMembership: (id: number, etag: string, body: { to: 'member' | 'declined' | 'suspended' | 'left'; effectiveOn: string; reason?: string }) =>
    wrote<Membership>(c.memberships[':id'].transition.$post({ param: { id: s(id) }, header: { 'if-match': etag }, json: body }) as R),
  editMembership: (id: number, etag: string, body: MembershipEdit) => wrote<Membership>(c.memberships[':id'].$patch({ param: { id: s(id) }, header: { 'if-match': etag }, json: body }) as R),
  membershipHistory: (id: number) => ok<MembershipHistory>(c.memberships[':id'].history.$get({ param: { id: s(id) } }) as R),
  setFee: (id: number, year: number, body: { amount: number; currency: string; paidOn?: string | null }) =>
    wrote<unknown>(c.memberships[':id'].fees[':year'].$put({ param: { id: s(id), year: s(year) }, json: body }) as R),
  invite: (network: number, body: { email: string; role: Role; cityId?: number }) => wrote<unknown>(c.networks[':id'].invitations.$post({ param: { id: s(network) }, json: body }) as R),
  outbox: (network: number) => ok<{ items: OutboxMessage[] }>(c.networks[':id'].outbox.$get({ param: { id: s(network) } }) as R),
  audit: (query: AuditQuery) => ok<AuditPage>(c.audit.$get({ query }) as R),
  peerReviewPlan: (round: number, query: PlanQuery) => ok<PeerReviewPlan>(c.rounds[':id']['peer-review-plan'].$get({ param: { id: s(round) }, query }) as R),
  /** Creates the round's peer reviews from the (possibly adjusted) teams, all or nothing. */
  acceptPlan: (round: number, query: PlanQuery, teams: PlanTeam[]) =>
    wrote<{ created: unknown[] }>(c.rounds[':id']['peer-reviews']['from-plan'].$post({ param: { id: s(round) }, query, json: { teams } }) as R),
  /** Printable reports and the frozen snapshot: opened in a new tab, not fetched. */
  roundReportUrl: (round: number) => `/api/rounds/${round}/report`,
  roundSnapshotUrl: (round: number) => `/api/rounds/${round}/snapshot`,
  cityReportUrl: (city: number, round?: number) => `/api/cities/${city}/report${round ? `?round=${round}` : ''}`,
  /** Where the country shapes live (a static file, loaded only by map views). */
  worldAtlasUrl: '/geo/countries-50m.json',
};

// ---------------------------------------------------------------- research exports (researchers and secretariat admins)
export type ExportStatus = InferResponseType<(typeof c.exports)[':id']['$get'], 200>;
export type ExportFormat = 'csv' | 'json' | 'parquet';
export type ExportRequest = { roundIds: number[]; variables?: string[]; formats?: ExportFormat[]; dp?: { epsilon: number } | null };

export const exportsApi = {
  /** Queues an anonymised export; poll `status` until `done`, then download. */
  create: (body: ExportRequest) => ok<{ id: string; status: 'queued' }>(c.exports.$post({ json: body }) as R),
  status: (id: string) => ok<ExportStatus>(c.exports[':id'].$get({ param: { id } }) as R),
  /** The ZIP (same-origin link; the session cookie signs the request). */
  downloadUrl: (id: string) => `/api/exports/${encodeURIComponent(id)}/download`,
};

// ---------------------------------------------------------------- peer reviews, study visits, action plans
export type PeerReviewSummary = InferResponseType<(typeof c.networks)[':id']['peer-reviews']['$get'], 200>[number];
export type PeerReview = InferResponseType<(typeof c)['peer-reviews'][':id']['$get'], 200>;
export type ReviewStage = PeerReview['stage'];
export type ReviewFinding = PeerReview['findings'][number];
export type NoteKind = PeerReview['notes'][number]['kind'];
export type ReviewEdit = { leadExpertName?: string | null; leadExpertEmail?: string | null; visitStart?: string | null; visitEnd?: string | null; followUpReport?: string | null };
export type NewPeerReview = { roundId: number; hostCityId: number; reviewerCityIds: number[]; otherMembers?: { organisation: string; personName?: string | null; role: 'reviewer' | 'lead_expert' | 'observer' }[]; leadExpertName?: string | null; leadExpertEmail?: string | null };
export type FindingWrite = { selfScore?: number | null; peerScore?: number | null; finding?: string; recommendation?: string };
export type StudyVisit = InferResponseType<(typeof c.networks)[':id']['study-visits']['$get'], 200>[number];
export type VisitStatus = StudyVisit['status'];
export type VisitsFromPlan = InferResponseType<(typeof c.cities)[':id']['study-visits']['from-plan']['$post'], 201>;
export type ActionPlanSummary = InferResponseType<(typeof c.cities)[':id']['action-plans']['$get'], 200>[number];
export type ActionPlan = InferResponseType<(typeof c)['action-plans'][':id']['$get'], 200>;
export type ActionItem = ActionPlan['items'][number];
export type ActionItemWrite = { indicatorId: number; goal: string; measures?: string; horizon: ActionItem['horizon']; owner?: string | null; dueOn?: string | null; status?: ActionItem['status'] };

/** ETags of records read inside their parent (findings in a review, items in a plan), same form as the server's. */
const childEtag = (kind: string, x: { id: number; version: number }) => `"${kind}-${x.id}-v${x.version}"`;

export const workflowsApi = {
  peerReviews: (network: number) => ok<PeerReviewSummary[]>(c.networks[':id']['peer-reviews'].$get({ param: { id: s(network) } }) as R),
  peerReview: (id: number) => tagged<PeerReview>(c['peer-reviews'][':id'].$get({ param: { id: s(id) } }) as R),
  createPeerReview: (network: number, body: NewPeerReview) => wrote<PeerReview>(c.networks[':id']['peer-reviews'].$post({ param: { id: s(network) }, json: body }) as R),
  editPeerReview: (id: number, etag: string, body: ReviewEdit) => tagged<PeerReview>(c['peer-reviews'][':id'].$put({ param: { id: s(id) }, header: { 'if-match': etag }, json: body }) as R),
  moveStage: (id: number, etag: string, stage: ReviewStage) => tagged<PeerReview>(c['peer-reviews'][':id'].stage.$post({ param: { id: s(id) }, header: { 'if-match': etag }, json: { stage } }) as R),
  revertStage: (id: number, etag: string) => tagged<PeerReview>(c['peer-reviews'][':id'].revert.$post({ param: { id: s(id) }, header: { 'if-match': etag } }) as R),
  addNote: (id: number, body: { kind: NoteKind; heldOn?: string | null; text: string }) => tagged<PeerReview>(c['peer-reviews'][':id'].notes.$post({ param: { id: s(id) }, json: body }) as R),
  writeFinding: (finding: ReviewFinding, body: FindingWrite) =>
    ok<ReviewFinding>(c['peer-review-findings'][':id'].$put({ param: { id: s(finding.id) }, header: { 'if-match': childEtag('peer-review-finding', finding) }, json: body }) as R),
  studyVisits: (network: number) => ok<StudyVisit[]>(c.networks[':id']['study-visits'].$get({ param: { id: s(network) } }) as R),
  requestVisit: (network: number, body: { visitorCityId?: number; hostCityId: number; indicatorId: number | null; year: number }) =>
    ok<StudyVisit>(c.networks[':id']['study-visits'].$post({ param: { id: s(network) }, json: body }) as R),
  /** The visit's own ETag is its version, so list rows can be acted on directly. */
  moveVisit: (visit: StudyVisit, body: { status: VisitStatus; scheduledFrom?: string; scheduledTo?: string; reason?: string }) =>
    ok<StudyVisit>(c['study-visits'][':id'].status.$post({ param: { id: s(visit.id) }, header: { 'if-match': childEtag('study-visit', visit) }, json: body }) as R),
  revertVisit: (visit: StudyVisit) => ok<StudyVisit>(c['study-visits'][':id'].revert.$post({ param: { id: s(visit.id) }, header: { 'if-match': childEtag('study-visit', visit) } }) as R),
  writeVisitReport: (visit: StudyVisit, reportLessons: string) =>
    ok<StudyVisit>(c['study-visits'][':id'].report.$put({ param: { id: s(visit.id) }, header: { 'if-match': childEtag('study-visit', visit) }, json: { reportLessons } }) as R),
  visitsFromPlan: (city: number, round?: number) => wrote<VisitsFromPlan>(c.cities[':id']['study-visits']['from-plan'].$post({ param: { id: s(city) }, query: round ? { round: s(round) } : {} }) as R),
  actionPlans: (city: number) => ok<ActionPlanSummary[]>(c.cities[':id']['action-plans'].$get({ param: { id: s(city) } }) as R),
  actionPlan: (id: number) => tagged<ActionPlan>(c['action-plans'][':id'].$get({ param: { id: s(id) } }) as R),
  createActionPlan: (city: number, body: { baselineRoundId: number; title: string }) => tagged<ActionPlan>(c.cities[':id']['action-plans'].$post({ param: { id: s(city) }, json: body }) as R),
  editActionPlan: (id: number, etag: string, body: { title?: string; status?: ActionPlan['status'] }) => tagged<ActionPlan>(c['action-plans'][':id'].$put({ param: { id: s(id) }, header: { 'if-match': etag }, json: body }) as R),
  addActionItem: (plan: number, body: ActionItemWrite) => tagged<ActionPlan>(c['action-plans'][':id'].items.$post({ param: { id: s(plan) }, json: body }) as R),
  editActionItem: (item: ActionItem, body: Partial<ActionItemWrite>) =>
    ok<unknown>(c['action-items'][':id'].$put({ param: { id: s(item.id) }, header: { 'if-match': childEtag('action-item', item) }, json: body }) as R),
};
