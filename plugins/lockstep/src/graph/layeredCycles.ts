/**
 * Step 1 of the layered layout, cycle breaking (Eades, Lin and Smyth; ELK's GREEDY): nodes are taken
 * into a sequence, sinks to its end and sources to its front as they appear, otherwise the node with
 * most outgoing minus incoming edges to the front; edges pointing backwards in the sequence are
 * reversed. Few edges are, and only ones on a cycle.
 *
 * Nodes are `0..n-1`, edge `e` goes from `edgeSource[e]` to `edgeTarget[e]`; the answer marks each
 * edge to reverse with 1.
 */
export function edgesToReverse(
  n: number,
  edgeSource: readonly number[],
  edgeTarget: readonly number[],
): Uint8Array {
  const m = edgeSource.length;
  const reversed = new Uint8Array(m);
  const outEdges: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < m; e++) outEdges[edgeSource[e]].push(e);
  const inEdges: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < m; e++) inEdges[edgeTarget[e]].push(e);
  const indegree = new Int32Array(n);
  const outdegree = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    outdegree[edgeSource[e]]++;
    indegree[edgeTarget[e]]++;
  }
  const removed = new Uint8Array(n);
  const rank = new Int32Array(n);
  let front = 0;
  let back = n - 1;
  const sinks: number[] = [];
  const sources: number[] = [];
  for (let v = 0; v < n; v++) {
    if (outdegree[v] === 0) sinks.push(v);
    else if (indegree[v] === 0) sources.push(v);
  }
  const remove = (v: number) => {
    removed[v] = 1;
    for (const e of inEdges[v]) {
      const u = edgeSource[e];
      if (!removed[u] && --outdegree[u] === 0) sinks.push(u);
    }
    for (const e of outEdges[v]) {
      const w = edgeTarget[e];
      if (!removed[w] && --indegree[w] === 0) sources.push(w);
    }
  };
  let remaining = n;
  let scan = 0;
  while (remaining > 0) {
    if (sinks.length > 0) {
      const v = sinks.pop()!;
      if (removed[v]) continue;
      rank[v] = back--;
      remove(v);
      remaining--;
    } else if (sources.length > 0) {
      const v = sources.pop()!;
      if (removed[v]) continue;
      rank[v] = front++;
      remove(v);
      remaining--;
    } else {
      // only nodes on cycles are left: take the one with the largest out minus in degree
      let best = -1;
      for (let v = scan; v < n; v++) {
        if (removed[v]) {
          if (v === scan) scan++;
          continue;
        }
        if (
          best < 0 ||
          outdegree[v] - indegree[v] > outdegree[best] - indegree[best]
        )
          best = v;
      }
      rank[best] = front++;
      remove(best);
      remaining--;
    }
  }
  for (let e = 0; e < m; e++)
    if (rank[edgeSource[e]] > rank[edgeTarget[e]]) reversed[e] = 1;
  return reversed;
}
