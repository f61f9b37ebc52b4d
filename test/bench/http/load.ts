/**
 * One autocannon run, summarised: rps, p50/p99 latency, errors, timeouts, non-2xx and 5xx.
 *
 * @example
 * const r = await load('peers', { url, connections: 50, duration: 30, requests: [{ path: '/api/cities/1/peers' }] });
 */
import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  fiveXx: number;
  statuses: Record<string, number>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Options = Record<string, any> & { url: string; connections: number; duration: number };

export async function load(name: string, options: Options): Promise<LoadResult> {
  const r = await autocannon({ timeout: 10, ...options });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([s, v]) => [s, (v as { count: number }).count]));
  return {
    name,
    connections: options.connections,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    fiveXx: r['5xx'],
    statuses,
  };
}

export function table(rows: LoadResult[], reference: LoadResult): string {
  const head = 'run                                conns     rps  vs bare   p50 ms   p99 ms  requests  errors  timeouts  non-2xx  5xx  statuses';
  const line = (r: LoadResult) =>
    `${r.name.padEnd(34)} ${String(r.connections).padStart(5)} ${String(r.rps).padStart(7)} ${((100 * r.rps) / reference.rps).toFixed(0).padStart(7)}% ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.timeouts).padStart(9)} ${String(r.non2xx).padStart(8)} ${String(r.fiveXx).padStart(4)}  ${JSON.stringify(r.statuses)}`;
  return [head, ...rows.map(line)].join('\n');
}
