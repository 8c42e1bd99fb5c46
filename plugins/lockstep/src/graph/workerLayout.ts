import { layeredLayout, LayeredLayoutOptions } from './layeredLayout';
import type { GraphLayout } from './layout';
import {
  LargeLayoutRequest,
  LayoutEdgeInput,
  PackedLayout,
  unpackLayout,
} from './layoutPacking';

type Reply = { id: number; packed?: PackedLayout; error?: string };

let worker: Worker | undefined;
let failed = false;
let nextId = 0;
const pending = new Map<
  number,
  { resolve(packed: PackedLayout): void; reject(error: Error): void }
>();

function getWorker(): Worker | undefined {
  if (worker || failed || typeof Worker === 'undefined') return worker;
  try {
    // The package's own `./layoutWorker` export: the app's bundler (rspack or webpack) resolves it
    // through package.json, to src/graph/layoutWorker.ts in this repository and to
    // dist/layoutWorker.esm.js in the published package, and emits the worker as a chunk of the app.
    // A literal, or the bundler would not see it.
    worker = new Worker(
      new URL(
        '@lockstep/backstage-plugin-lockstep/layoutWorker',
        import.meta.url,
      ),
    );
  } catch {
    failed = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<Reply>) => {
    const { id, packed, error } = event.data;
    const request = pending.get(id);
    pending.delete(id);
    if (packed) request?.resolve(packed);
    else request?.reject(new Error(error));
  };
  // A worker that cannot start (a blocked script, say) leaves the layout to the page itself.
  worker.onerror = event => {
    event.preventDefault();
    failed = true;
    worker?.terminate();
    worker = undefined;
    for (const request of pending.values())
      request.reject(new Error('layout worker failed'));
    pending.clear();
  };
  return worker;
}

/** Starts the layout worker ahead of need, so that it is ready when the data is. */
export function preloadLayoutWorker() {
  getWorker();
}

/**
 * Lays a graph out with `layeredLayout` in a Web Worker, off the main thread (or in-line where there
 * are no workers, as in tests, or the worker failed).
 */
export async function layoutInWorker(
  nodeRefs: string[],
  edges: LayoutEdgeInput[],
  options: LayeredLayoutOptions,
): Promise<GraphLayout> {
  const target = getWorker();
  if (target) {
    const id = nextId++;
    const request: LargeLayoutRequest = { id, nodeRefs, edges, options };
    try {
      const packed = await new Promise<PackedLayout>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage(request);
      });
      return unpackLayout(packed, nodeRefs, edges);
    } catch (error) {
      if (!failed) throw error;
    }
  }
  return layeredLayout(nodeRefs, edges, options);
}
