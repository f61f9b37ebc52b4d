/**
 * Row orders for the comparison: by average, by name, by one column, or clustered (Ward on the
 * chosen rows, leaves in dendrogram order) so that similar profiles sit together.
 *
 * @example
 * orderRows([[50, 75], [null, 25]], ['Oslo', 'Bergen'], 'score') // [0, 1]
 */
import { toTree, ward, type TreeNode } from '../../../../analytics/hierarchical';
import { fromRows } from '../../../../analytics/matrix';

export type Order = 'score' | 'name' | 'cluster' | 'column';

export const average = (v: (number | null)[]) => {
  const a = v.filter((x): x is number => x !== null);
  return a.length ? a.reduce((s, x) => s + x, 0) / a.length : null;
};

export function orderRows(values: (number | null)[][], names: string[], order: Order, column = -1): number[] {
  const idx = values.map((_, i) => i);
  if (order === 'name') return idx.sort((a, b) => names[a].localeCompare(names[b]));
  if (order === 'column' && column >= 0) return idx.sort((a, b) => (values[b][column] ?? -1) - (values[a][column] ?? -1));
  if (order === 'cluster' && values.length > 2) {
    const leaves: number[] = [];
    const stack: TreeNode[] = [toTree(ward(fromRows(values)).merges, values.length)];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.children) stack.push(n.children[1], n.children[0]);
      else leaves.push(n.index!);
    }
    return leaves;
  }
  return idx.sort((a, b) => (average(values[b]) ?? -1) - (average(values[a]) ?? -1));
}
