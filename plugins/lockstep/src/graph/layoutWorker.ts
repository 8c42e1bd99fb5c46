// The Web Worker that lays out large graphs (see workerLayout.ts), bundled by the app's build.
import { layeredLayout } from './layeredLayout';
import { LargeLayoutRequest, packLayout } from './layoutPacking';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LargeLayoutRequest>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

// A small layout as soon as the worker starts, while the page is still fetching the graph: the
// real one then runs on compiled code instead of starting cold.
{
  const refs = Array.from({ length: 150 }, (_, i) => String(i));
  const edges = refs.flatMap((ref, i) =>
    [2 * i + 1, 2 * i + 2, 3 * i + 7]
      .filter(j => j < refs.length)
      .map(j => ({ source: ref, target: refs[j], key: `${ref} ${j}` })),
  );
  edges.push({ source: '149', target: '0', key: '149 0' }); // a cycle
  layeredLayout(refs, edges, {
    nodeWidth: 200,
    nodeHeight: 44,
    nodeSpacing: 16,
    layerSpacing: 64,
    edgeSpacing: 8,
    padding: 12,
  });
}

scope.onmessage = event => {
  const { id, nodeRefs, edges, options } = event.data;
  try {
    const packed = packLayout(
      layeredLayout(nodeRefs, edges, options),
      nodeRefs,
      edges,
    );
    scope.postMessage({ id, packed }, [
      packed.nodes.buffer,
      packed.edgeOffsets.buffer,
      packed.edgePoints.buffer,
    ]);
  } catch (error) {
    scope.postMessage({ id, error: String(error) });
  }
};
