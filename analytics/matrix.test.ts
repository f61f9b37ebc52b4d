import { describe, expect, it } from 'vitest';
import { columnMeans, fromRows, get, imputeMean, matrix, row, selectRows, toRows } from './matrix';
import { createRandom } from './random';

describe('matrix', () => {
  it('round-trips rows with null → NaN', () => {
    const m = fromRows([[1, null], [3, 4]]);
    expect(m.rows).toBe(2); expect(m.cols).toBe(2);
    expect(Number.isNaN(get(m, 0, 1))).toBe(true);
    expect(toRows(m)).toEqual([[1, NaN], [3, 4]]);
  });
  it('row is a view, selectRows copies', () => {
    const m = fromRows([[1], [2], [3]]);
    row(m, 1)[0] = 9;
    expect(get(m, 1, 0)).toBe(9);
    expect(toRows(selectRows(m, [2, 0, 2]))).toEqual([[3], [1], [3]]);
  });
  it('imputes column means', () => {
    const m = fromRows([[1, NaN], [3, 4]]);
    expect(Array.from(columnMeans(m))).toEqual([2, 4]);
    expect(toRows(imputeMean(m))).toEqual([[1, 4], [3, 4]]);
  });
  it('errors state the rule and values', () => {
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow('data.length=3 must equal rows*cols=4');
    expect(() => row(fromRows([[1]]), 3)).toThrow('row index i=3 must be in [0, rows=1)');
    expect(() => fromRows([[1, 2], [3]])).toThrow('row 1 has length=1, must equal cols=2');
  });
});

describe('random', () => {
  it('same seed gives the same stream, in [0,1)', () => {
    const a = createRandom(7), b = createRandom(7);
    for (let i = 0; i < 1000; i++) { const x = a.next(); expect(x).toBe(b.next()); expect(x >= 0 && x < 1).toBe(true); }
    expect(createRandom(1).next()).not.toBe(createRandom(2).next());
  });
  it('int, shuffle, sample, bootstrap', () => {
    const r = createRandom(3);
    for (let i = 0; i < 100; i++) { const v = r.int(5); expect(v >= 0 && v < 5 && Number.isInteger(v)).toBe(true); }
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    const s = Array.from(r.sample(10, 10)).sort((a, b) => a - b);
    expect(s).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.bootstrap(4).length).toBe(4);
    expect(() => r.sample(3, 4)).toThrow('k=4 must be <= n=3');
  });
});
