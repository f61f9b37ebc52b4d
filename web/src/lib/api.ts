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
    readonly problem: { title?: string; detail?: string; errors?: FieldError[] },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

async function ok<T>(pending: Promise<Response>): Promise<T> {
  const res = await pending;
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  return res.json();
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
export type ScoreWrite = { indicatorId: number; value: number | null; evidenceText?: string | null; note?: string | null; evidence?: { documentType: Submission['scores'][number]['evidence'][number]['documentType']; title: string; url?: string | null }[] };
export type ContextWrite = { variable: string; year: number; value: number | string | boolean | null; source: string; sourceUrl?: string | null; note?: string | null };

async function withEtag(pending: R): Promise<{ submission: Submission; etag: string }> {
  const res = await pending;
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  memo.clear();
  return { submission: await res.json(), etag: res.headers.get('ETag') ?? '' };
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
  submit: (id: number, etag: string) => withEtag(c.submissions[':id'].submit.$post({ param: { id: s(id) }, header: { 'if-match': etag } }) as R),
  saveContextValues: async (cityId: number, values: ContextWrite[]) => {
    const out = await ok<{ items: ContextValue[] }>(c.cities[':id']['context-values'].$put({ param: { id: s(cityId) }, json: { values } }) as R);
    memo.clear();
    return out;
  },
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
