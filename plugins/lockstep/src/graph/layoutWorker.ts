// The Web Worker that lays out large graphs (see workerLayout.ts), bundled by the app's build.
import { layeredLayout } from './layeredLayout';
import { LargeLayoutRequest, packLayout } from './layoutPacking';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LargeLayoutRequest>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

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
