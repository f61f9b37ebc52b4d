/**
 * What an answer may be for each indicator scale.
 *
 * @example
 * checkScoreValue({ scale: 'ordinal', levels: [...5 levels], minValue: null, maxValue: null, code: 'KF01' }, 7);
 * // → 'must be a whole level from 0 to 4 for KF01'
 */
import type { Indicator } from '../../db/schema';

type Rules = Pick<Indicator, 'scale' | 'levels' | 'minValue' | 'maxValue' | 'code'>;

/** Returns null when the value is allowed, else the reason. `null` (not answered) is always allowed. */
export function checkScoreValue(indicator: Rules, value: number | null): string | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) return `must be a finite number for ${indicator.code}`;
  switch (indicator.scale) {
    case 'ordinal': {
      const top = indicator.levels.length - 1;
      return Number.isInteger(value) && value >= 0 && value <= top ? null : `must be a whole level from 0 to ${top} for ${indicator.code}`;
    }
    case 'yes_no':
      return value === 0 || value === 1 ? null : `must be 0 (no) or 1 (yes) for ${indicator.code}`;
    case 'percentage':
      return value >= 0 && value <= 100 ? null : `must be a percentage from 0 to 100 for ${indicator.code}`;
    case 'number': {
      if (indicator.minValue !== null && value < indicator.minValue) return `must be >= ${indicator.minValue} for ${indicator.code}`;
      if (indicator.maxValue !== null && value > indicator.maxValue) return `must be <= ${indicator.maxValue} for ${indicator.code}`;
      return null;
    }
  }
}
