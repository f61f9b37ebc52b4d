/**
 * The one file that knows API URLs: a typed client generated from the server's routes (`AppType`).
 * Errors come back as RFC 9457 problems and are thrown as `ApiError`.
 *
 * @example
 * const city = await api.city(12); // typed CityDetail
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app';

const client = hc<AppType>(typeof location === 'undefined' ? 'http://localhost' : location.origin);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: { pointer: string; detail: string }[] },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

async function ok<T>(pending: Promise<Response>): Promise<T> {
  const res = await pending;
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  return res.json();
}

export type CityPage = InferResponseType<(typeof client.api.cities)['$get'], 200>;
export type CityDetail = InferResponseType<(typeof client.api.cities)[':id']['$get'], 200>;
export type Framework = InferResponseType<(typeof client.api.frameworks)[':id']['$get'], 200>;
export type Submission = InferResponseType<(typeof client.api.submissions)[':id']['$get'], 200>;
export type NetworkList = InferResponseType<(typeof client.api.networks)['$get'], 200>;

export const api = {
  networks: () => ok<NetworkList>(client.api.networks.$get() as Promise<Response>),
  cities: (query: { network?: string; status?: 'member'; q?: string; sort?: 'name' | '-population' | 'population' | 'country'; page?: string; pageSize?: string }) =>
    ok<CityPage>(client.api.cities.$get({ query }) as Promise<Response>),
  city: (id: number) => ok<CityDetail>(client.api.cities[':id'].$get({ param: { id: String(id) } }) as Promise<Response>),
  framework: (id: number) => ok<Framework>(client.api.frameworks[':id'].$get({ param: { id: String(id) } }) as Promise<Response>),
  submission: (id: number) => ok<Submission>(client.api.submissions[':id'].$get({ param: { id: String(id) } }) as Promise<Response>),
  round: (id: number) => ok<{ frameworkId: number; name: string; status: string; demo: boolean }>(client.api.rounds[':id'].$get({ param: { id: String(id) } }) as Promise<Response>),
};
