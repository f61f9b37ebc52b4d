/**
 * Performance-space helpers: a round's scores as rows per city, at indicator or area level.
 *
 * @example
 * const { ids, labels, rows } = performanceRows(data, 'indicator');
 */
import { toRows } from '../../../analytics';
import type { RoundData } from './round-data';

export type Level = 'indicator' | 'area';

export function performanceRows(data: RoundData, level: Level) {
  const p = data.performance;
  if (level === 'area') {
    return { ids: p.areas.map((a) => a.code), labels: p.areas.map((a) => a.name), rows: toRows(p.areaMatrix) };
  }
  return { ids: p.indicators.map((i) => i.code), labels: p.indicators.map((i) => `${i.areaName}: ${i.statement}`), rows: toRows(p.matrix) };
}

/** Rows of cities that submitted in the round (the only ones with scores). */
export function submittedRows(data: RoundData): number[] {
  return data.cities.flatMap((c, i) => (c.submitted ? [i] : []));
}
