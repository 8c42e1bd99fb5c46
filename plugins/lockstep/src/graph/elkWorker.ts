/** The ELK worker, bundled by the app's build from the elkjs package. */
export function createElkWorker(): Worker {
  return new Worker(new URL('elkjs/lib/elk-worker.min.js', import.meta.url));
}
