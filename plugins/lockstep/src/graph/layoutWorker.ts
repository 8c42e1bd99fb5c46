// The Web Worker that lays out large graphs (see workerLayout.ts), bundled by the app's build. It is
// the package export `./layoutWorker`, which is what puts it into the published package.
import { layeredLayout } from './layeredLayout';
import { LargeLayoutRequest, packLayout } from './layoutPacking';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LargeLayoutRequest>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

function layOut(event: MessageEvent<LargeLayoutRequest>) {
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
}

// Only in a worker: a public export may be imported on a page, where it would take the window's messages.
if ('WorkerGlobalScope' in globalThis) scope.onmessage = layOut;
