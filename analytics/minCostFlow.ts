/**
 * Generic min-cost flow by successive shortest paths (SPFA / Bellman-Ford queue variant),
 * so negative edge costs are allowed as long as the input graph has no negative cycle
 * (true for every bipartite source → left → right → sink network built in this folder).
 *
 * Plain data in, plain data out: `edgeFlow[e]` is the flow on `edges[e]`.
 * Deterministic: ties between equally short paths are broken by edge order.
 */

export interface FlowEdge {
  from: number;
  to: number;
  /** non-negative integer capacity */
  capacity: number;
  /** cost per unit of flow (may be negative) */
  cost: number;
}

export interface FlowProblem {
  /** number of nodes, named 0..nodes-1 */
  nodes: number;
  edges: FlowEdge[];
  source: number;
  sink: number;
}

export interface FlowOptions {
  /**
   * 'maxFlow' (default): push as much flow as possible, among maximum flows the cheapest.
   * 'minCost': stop as soon as the cheapest augmenting path no longer lowers the cost,
   * i.e. the cheapest flow of any value (used when negative cost = gain and flow is optional).
   */
  mode?: 'maxFlow' | 'minCost';
  /** upper bound on the total flow (default: unbounded) */
  maxFlow?: number;
}

export interface FlowResult {
  flow: number;
  cost: number;
  /** flow on each input edge, same order as `edges` */
  edgeFlow: number[];
}

const EPS = 1e-12;

/**
 * Cheapest (maximum) flow from source to sink.
 * @example
 * minCostFlow({ nodes: 4, source: 0, sink: 3, edges: [
 *   { from: 0, to: 1, capacity: 1, cost: 0 }, { from: 0, to: 2, capacity: 1, cost: 0 },
 *   { from: 1, to: 3, capacity: 1, cost: -5 }, { from: 2, to: 3, capacity: 1, cost: 2 }] })
 * // → { flow: 2, cost: -3, edgeFlow: [1, 1, 1, 1] }
 */
export function minCostFlow(problem: FlowProblem, options: FlowOptions = {}): FlowResult {
  const { nodes, edges, source, sink } = problem;
  const mode = options.mode ?? 'maxFlow';
  const limit = options.maxFlow ?? Infinity;
  if (!Number.isInteger(nodes) || nodes < 2) throw new Error(`nodes=${nodes} must be an integer >= 2`);
  for (const [name, v] of [['source', source], ['sink', sink]] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= nodes) throw new Error(`${name}=${v} must be a node in 0..${nodes - 1}`);
  }
  if (source === sink) throw new Error(`source=${source} must differ from sink=${sink}`);

  // residual graph: arc 2e is edge e forward, arc 2e+1 its reverse
  const m = edges.length;
  const to = new Int32Array(2 * m);
  const cap = new Float64Array(2 * m);
  const cost = new Float64Array(2 * m);
  const adjacency: number[][] = Array.from({ length: nodes }, () => []);
  edges.forEach((e, i) => {
    if (!Number.isInteger(e.from) || e.from < 0 || e.from >= nodes || !Number.isInteger(e.to) || e.to < 0 || e.to >= nodes) {
      throw new Error(`edge ${i} (${e.from} → ${e.to}) must join nodes in 0..${nodes - 1}`);
    }
    if (!Number.isInteger(e.capacity) || e.capacity < 0) throw new Error(`edge ${i} capacity=${e.capacity} must be a non-negative integer`);
    if (!Number.isFinite(e.cost)) throw new Error(`edge ${i} cost=${e.cost} must be finite`);
    to[2 * i] = e.to; cap[2 * i] = e.capacity; cost[2 * i] = e.cost;
    to[2 * i + 1] = e.from; cap[2 * i + 1] = 0; cost[2 * i + 1] = -e.cost;
    adjacency[e.from].push(2 * i);
    adjacency[e.to].push(2 * i + 1);
  });

  let flow = 0;
  const dist = new Float64Array(nodes);
  const prevArc = new Int32Array(nodes);
  const inQueue = new Uint8Array(nodes);
  const relaxCount = new Int32Array(nodes);

  while (flow < limit) {
    dist.fill(Infinity);
    prevArc.fill(-1);
    relaxCount.fill(0);
    dist[source] = 0;
    const queue: number[] = [source];
    inQueue.fill(0);
    inQueue[source] = 1;
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi];
      inQueue[u] = 0;
      for (const a of adjacency[u]) {
        if (cap[a] <= 0) continue;
        const v = to[a];
        const nd = dist[u] + cost[a];
        if (nd < dist[v] - EPS) {
          dist[v] = nd;
          prevArc[v] = a;
          if (!inQueue[v]) {
            if (++relaxCount[v] > nodes) throw new Error('negative cycle in flow network: costs must not form a negative cycle');
            inQueue[v] = 1;
            queue.push(v);
          }
        }
      }
    }
    if (dist[sink] === Infinity) break;
    if (mode === 'minCost' && dist[sink] >= -EPS) break;
    let push = limit - flow;
    for (let v = sink; v !== source; v = to[prevArc[v] ^ 1]) push = Math.min(push, cap[prevArc[v]]);
    for (let v = sink; v !== source; v = to[prevArc[v] ^ 1]) {
      cap[prevArc[v]] -= push;
      cap[prevArc[v] ^ 1] += push;
    }
    flow += push;
  }
  const edgeFlow = edges.map((_, i) => cap[2 * i + 1]);
  const exactCost = edges.reduce((s, e, i) => s + edgeFlow[i] * e.cost, 0);
  return { flow, cost: exactCost, edgeFlow };
}
