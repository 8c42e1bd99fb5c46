/**
 * The dependency cycles of a directed graph: its strongly connected components with more than one
 * node, or one node with an edge to itself. Tarjan's algorithm without recursion, so that deep graphs
 * cannot overflow the stack. Nodes are 0..nodeCount-1.
 */
export function findCycles(
  nodeCount: number,
  successors: (node: number) => Iterable<number>,
): number[][] {
  const index = new Int32Array(nodeCount).fill(-1);
  const lowLink = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  // Each frame: a node being explored and an iterator over its successors.
  const frames: Array<{ node: number; next: Iterator<number> }> = [];
  const open = (node: number) => {
    index[node] = lowLink[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    frames.push({ node, next: successors(node)[Symbol.iterator]() });
  };

  for (let start = 0; start < nodeCount; start++) {
    if (index[start] !== -1) continue;
    open(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const step = frame.next.next();
      if (!step.done) {
        const successor = step.value;
        if (index[successor] === -1) {
          open(successor);
        } else if (onStack[successor]) {
          lowLink[frame.node] = Math.min(lowLink[frame.node], index[successor]);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        lowLink[parent] = Math.min(lowLink[parent], lowLink[frame.node]);
      }
      if (lowLink[frame.node] === index[frame.node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== frame.node);
        const selfLoop =
          component.length === 1 &&
          [...successors(frame.node)].includes(frame.node);
        if (component.length > 1 || selfLoop) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}
