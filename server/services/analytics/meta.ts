/**
 * What produced an analytics answer, so a chart or export can name and reproduce it.
 *
 * @example
 * describe(data, { space: 'context', method: 'gower-peers', parameters: { k: 7 } });
 */
import { APP_VERSION } from '../health';
import type { RoundContext, RoundData } from './round-data';

export interface AnalysisMeta {
  round: { id: number; name: string; year: number; status: string; demo: boolean };
  dataVersion: string;
  space: 'context' | 'performance';
  method: string;
  parameters: Record<string, unknown>;
  seed: number | null;
  /** The score weights used; null for context-only results. */
  weightsVersion: string | null;
  /** True when any input value is a generated demo value. */
  demo: boolean;
  generatedBy: string;
}

export function describe(data: RoundContext | RoundData, what: { space: AnalysisMeta['space']; method: string; parameters: Record<string, unknown>; seed?: number }): AnalysisMeta {
  const contextDemo = data.context.demo.some((x) => x === 1);
  return {
    round: data.round,
    dataVersion: data.version,
    space: what.space,
    method: what.method,
    parameters: what.parameters,
    seed: what.seed ?? null,
    weightsVersion: 'performance' in data ? data.performance.weightsVersion : null,
    demo: data.round.demo || (what.space === 'context' && contextDemo),
    generatedBy: `CityPeers analytics ${APP_VERSION}`,
  };
}
