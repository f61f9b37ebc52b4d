/**
 * Concurrent score writers against a running server: each loop reads a submission (ETag), writes
 * 1-3 scores with `If-Match`, and records every acknowledged write (HTTP 200) with a unique
 * evidence marker. A 412 means someone else wrote first: re-read and retry. Loops end when `stop()`
 * is called or the server goes away (connection refused/reset: it was killed).
 *
 * @example
 * const w = startWriters({ urls: [s.url], token, submissions, writers: 8, seed: 1, tag: 'run1' });
 * await sleep(500); w.stop(); const stats = await w.done;
 */
import { createRandom } from '../../analytics/random';
import type { Prepared } from './prepare';
import { validValue } from './prepare';

export interface Ack {
  submissionId: number;
  version: number;
  marker: string;
  writes: { indicatorId: number; value: number }[];
}

export interface WriterStats {
  acks: Ack[];
  stale412: number;
  /** Answers other than 200 and 412, by status (any 5xx fails the harness). */
  unexpected: Record<number, number>;
  /** Highest version each submission was seen with (reads and acks): versions may only grow from here. */
  seenVersions: Map<number, number>;
  /** Requests cut off by the server going away (not acknowledged, may or may not have committed). */
  cutOff: number;
  latenciesMs: number[];
}

interface Options {
  urls: string[];
  token: string;
  submissions: Prepared['submissions'];
  writers: number;
  seed: number;
  tag: string;
}

export function startWriters(o: Options) {
  let stopped = false;
  const stats: WriterStats = { acks: [], stale412: 0, unexpected: {}, seenVersions: new Map(), cutOff: 0, latenciesMs: [] };
  const auth = { authorization: `Bearer ${o.token}` };
  const see = (id: number, v: number) => stats.seenVersions.set(id, Math.max(v, stats.seenVersions.get(id) ?? 0));
  const loop = async (w: number) => {
    const rnd = createRandom(o.seed * 1000 + w);
    for (let seq = 0; !stopped; seq++) {
      const sub = o.submissions[rnd.int(o.submissions.length)];
      const url = o.urls[(w + seq) % o.urls.length];
      try {
        const read = await fetch(`${url}/api/submissions/${sub.id}`, { headers: auth });
        if (read.status !== 200) {
          stats.unexpected[read.status] = (stats.unexpected[read.status] ?? 0) + 1;
          await read.text();
          continue;
        }
        const etag = read.headers.get('etag')!;
        see(sub.id, ((await read.json()) as { version: number }).version);
        const picked = [...rnd.sample(sub.indicators.length, 1 + rnd.int(3))].map((i) => sub.indicators[i]);
        const marker = `${o.tag}:w${w}:s${seq}`;
        const writes = picked.map((ind) => ({ indicatorId: ind.id, value: validValue(ind, rnd.next()) }));
        const started = performance.now();
        const res = await fetch(`${url}/api/submissions/${sub.id}/scores`, {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
          body: JSON.stringify({ scores: writes.map((x) => ({ ...x, evidenceText: marker })) }),
        });
        const body = (await res.json()) as { version?: number };
        stats.latenciesMs.push(performance.now() - started);
        if (res.status === 200) {
          stats.acks.push({ submissionId: sub.id, version: body.version!, marker, writes });
          see(sub.id, body.version!);
        } else if (res.status === 412) stats.stale412++;
        else stats.unexpected[res.status] = (stats.unexpected[res.status] ?? 0) + 1;
      } catch {
        stats.cutOff++;
        return; // the server is gone
      }
    }
  };
  const done = Promise.all(Array.from({ length: o.writers }, (_, w) => loop(w))).then(() => stats);
  return { stop: () => void (stopped = true), done, stats };
}
