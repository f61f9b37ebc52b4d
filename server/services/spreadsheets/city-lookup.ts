/**
 * Finds the city a row names by `city_code` (Eurostat code, e.g. NO001C) or `city_id`; when both
 * are given they must agree. Only the cities passed in (e.g. a network's) are found.
 *
 * @example
 * const lookup = new CityLookup(cities);
 * lookup.find(cols, cells, fail); // { id: 12, name: 'Oslo', … } or null after calling fail(column, reason)
 */
import type { Columns } from './columns';

type CityLike = { id: number; name: string; eurostatCode: string | null };

export class CityLookup<C extends CityLike> {
  readonly #byCode = new Map<string, C>();
  readonly #byId = new Map<number, C>();

  constructor(cities: C[]) {
    for (const c of cities) {
      this.#byId.set(c.id, c);
      if (c.eurostatCode) this.#byCode.set(c.eurostatCode.toUpperCase(), c);
    }
  }

  /** The column that names cities in this sheet (for errors about the city). */
  static column(cols: Columns): string {
    return cols.has('city_code') ? 'city_code' : 'city_id';
  }

  find(cols: Columns, cells: string[], fail: (column: string, reason: string) => void): C | null {
    const code = cols.get(cells, 'city_code');
    const idText = cols.get(cells, 'city_id');
    const byCode = code ? this.#byCode.get(code.toUpperCase()) : undefined;
    const byId = /^\d+$/.test(idText) ? this.#byId.get(Number(idText)) : undefined;
    if (code && !byCode) fail('city_code', `no city with code ${code} here`);
    if (idText && !byId) fail('city_id', /^\d+$/.test(idText) ? `no city with id ${idText} here` : 'must be a whole number');
    if (!code && !idText) fail(CityLookup.column(cols), 'the city is missing');
    if (byCode && byId && byCode !== byId) fail('city_id', `city ${idText} is ${byId.name}, but city_code ${code} is ${byCode.name}`);
    if ((code && !byCode) || (idText && !byId) || (byCode && byId && byCode !== byId)) return null;
    return byCode ?? byId ?? null;
  }
}
