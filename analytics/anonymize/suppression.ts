/**
 * Complementary cell suppression for linked tables.
 *
 * A table with margins is a set of additive equations ("lines"): the cells of a row and its
 * row total, the cells of a column and its column total, the row totals and the grand
 * total, … If a line holds exactly one suppressed cell, that cell is the total minus the
 * others: derivable by subtraction. So, to a fixpoint, every line with exactly one
 * suppressed cell gets a second one: its smallest published non-empty cell (ties: lowest
 * index). Empty cells (count 0) never protect anything (their sum is known to be 0), so
 * they are neither suppressed nor used as complements.
 */

/**
 * Extend a primary suppression pattern until no line has exactly one suppressed cell.
 * @example
 * // cells a=3, b=7, c=9 with total t=19 (line [a, b, c, t]); a is primary
 * complementarySuppression([3, 7, 9, 19], [true, false, false, false], [[0, 1, 2, 3]])
 * // → { suppressed: [true, true, false, false], complementary: [1] }
 */
export function complementarySuppression(
  counts: readonly number[],
  primary: readonly boolean[],
  lines: readonly (readonly number[])[],
): { suppressed: boolean[]; complementary: number[] } {
  if (primary.length !== counts.length) throw new RangeError(`primary has ${primary.length} entries, must have cells=${counts.length}`);
  const suppressed = primary.map((p, i) => p && counts[i] > 0);
  const complementary: number[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((c) => suppressed[c]);
      if (hidden.length !== 1) continue;
      let pick = -1;
      for (const c of line) {
        if (suppressed[c] || counts[c] <= 0) continue;
        if (pick < 0 || counts[c] < counts[pick] || (counts[c] === counts[pick] && c < pick)) pick = c;
      }
      if (pick < 0) continue; // the rest of the line is empty: nothing to hide behind (and nothing to derive from)
      suppressed[pick] = true;
      complementary.push(pick);
      changed = true;
    }
  }
  return { suppressed, complementary };
}

/**
 * Lines of an r × c table stored row-major with a margin column (index c) and a margin row
 * (index r), i.e. an (r + 1) × (c + 1) grid; `offset` shifts the cell ids. A one-way table
 * is c = 0: r cells and their total, one line.
 * @example tableLines(2, 1) // [[0, 1], [2, 3], [4, 5], [0, 2, 4], [1, 3, 5]]
 * @example tableLines(3, 0) // [[0, 1, 2, 3]]
 */
export function tableLines(r: number, c: number, offset = 0): number[][] {
  if (c === 0) return [Array.from({ length: r + 1 }, (_, i) => offset + i)];
  const id = (i: number, j: number) => offset + i * (c + 1) + j;
  const lines: number[][] = [];
  for (let i = 0; i <= r; i++) lines.push(Array.from({ length: c + 1 }, (_, j) => id(i, j)));
  for (let j = 0; j <= c; j++) lines.push(Array.from({ length: r + 1 }, (_, i) => id(i, j)));
  return lines;
}
