/**
 * Printable reports of published rounds, rendered from their frozen snapshots.
 *
 * @example
 * const html = await networkReport(access, 3);
 */
import { findFramework } from '../../db/queries/frameworks';
import { latestSnapshot, previousPublishedRound } from '../../db/queries/round-workflow';
import type { Access } from '../auth/access';
import { notFound } from '../errors';
import { cityReport } from '../reports/city-report';
import { roundReport } from '../reports/round-report';
import type { Snapshot } from '../reports/snapshot-types';
import { getRound } from './rounds';

async function reportInput(access: Access, roundId: number) {
  const round = await getRound(access, roundId, 'full');
  const current = await latestSnapshot(access.db, roundId);
  if (!current || round.status !== 'published') throw notFound('published report of round', roundId);
  const framework = await findFramework(access.db, round.frameworkId);
  const labels = Object.fromEntries((framework?.areas ?? []).flatMap((a) => a.indicators.map((i) => [i.code, a.name])));
  const earlier = await previousPublishedRound(access.db, round.networkId, round.frameworkId, round.year);
  const previousRow = earlier ? await latestSnapshot(access.db, earlier.id) : undefined;
  const previous = previousRow ? { snapshot: previousRow.payload as Snapshot, version: previousRow.snapshotVersion } : undefined;
  return { snapshot: current.payload as Snapshot, version: current.snapshotVersion, labels, previous };
}

export async function networkReport(access: Access, roundId: number): Promise<string> {
  return roundReport(await reportInput(access, roundId));
}

export async function cityProfileReport(access: Access, cityId: number, roundId: number): Promise<string> {
  const html = cityReport({ ...(await reportInput(access, roundId)), cityId });
  if (!html) throw notFound(`published profile in round ${roundId} for city`, cityId);
  return html;
}
