/**
 * The numeric matrix each map and clustering runs on, per space:
 * - context: numeric/ordinal/boolean context variables (categorical ones only enter Gower-based
 *   methods), normalised with the chosen method; ordinal variables stay ordinal (level rank 0-1);
 * - performance: indicator scores 0-100 of the cities that submitted.
 *
 * @example
 * const s = spaceMatrix(data, 'context', 'zscore'); // { matrix, rows, columns, model }
 */
import { fitNormalizer, selectCols, selectRows, transform, type Matrix, type NormalizeMethod, type VariableSpec } from '../../../analytics';
import { submittedRows } from './performance-rows';
import type { RoundContext, RoundData } from './round-data';

export type Space = 'context' | 'performance';

export interface SpaceColumn {
  code: string;
  name: string;
  kind: VariableSpec['kind'];
  unit: string | null;
  /** Share of the column's present values that are demo values. */
  demoShare: number;
}

export interface PreparedSpace {
  matrix: Matrix;
  raw: Matrix;
  /** Round rows (indices into data.cities) in matrix order. */
  rows: number[];
  columns: SpaceColumn[];
  specs: VariableSpec[];
  model: ReturnType<typeof fitNormalizer> | null;
}

/** The context space needs only context data; the performance space needs the round's scores. */
export function spaceMatrix(data: RoundContext | RoundData, space: Space, method: NormalizeMethod | 'none', options: { includeCategorical?: boolean } = {}): PreparedSpace {
  if (space === 'context') return contextSpace(data, method, options.includeCategorical ?? false);
  if (!('performance' in data)) throw new Error('the performance space needs the round’s scores (loadRoundData)');
  return performanceSpace(data, method);
}

function contextSpace(data: RoundContext, method: NormalizeMethod | 'none', includeCategorical: boolean): PreparedSpace {
  const { variables, matrix: m, demo } = data.context;
  const cols = variables.flatMap((v, j) => (includeCategorical || v.type !== 'categorical' ? [j] : []));
  const raw = selectCols(m, cols);
  const rows = data.cities.map((_, i) => i);
  const columns = cols.map((j) => {
    const v = variables[j];
    let present = 0, demoCount = 0;
    for (let i = 0; i < m.rows; i++) {
      if (!Number.isNaN(m.data[i * m.cols + j])) {
        present++;
        demoCount += demo[i * m.cols + j];
      }
    }
    return { code: v.code, name: v.name, kind: v.type, unit: v.unit, demoShare: present ? demoCount / present : 0 };
  });
  const specs = cols.map((j) => data.context.specs[j]);
  if (method === 'none') return { matrix: raw, raw, rows, columns, specs, model: null };
  const model = fitNormalizer(raw, { method, ordinal: cols.map((j) => variables[j].type === 'ordinal') });
  return { matrix: transform(model, raw), raw, rows, columns, specs, model };
}

function performanceSpace(data: RoundData, method: NormalizeMethod | 'none'): PreparedSpace {
  const rows = submittedRows(data);
  const raw = selectRows(data.performance.matrix, rows);
  const columns = data.performance.indicators.map((i) => ({ code: i.code, name: `${i.areaName}: ${i.statement}`, kind: 'numeric' as const, unit: '%', demoShare: data.round.demo ? 1 : 0 }));
  const specs = columns.map(() => ({ kind: 'numeric' as const }));
  if (method === 'none') return { matrix: raw, raw, rows, columns, specs, model: null };
  const model = fitNormalizer(raw, { method });
  return { matrix: transform(model, raw), raw, rows, columns, specs, model };
}
