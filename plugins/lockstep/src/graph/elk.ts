import type { ELK } from 'elkjs/lib/elk-api';

let instance: Promise<ELK> | undefined;

/**
 * One ELK instance for the page. In the browser ELK runs in a Web Worker, so that laying out a large
 * graph never blocks the page; where there are no workers (tests), it runs in-line.
 */
export function getElk(): Promise<ELK> {
  instance ??= (async () => {
    if (typeof Worker === 'undefined') {
      const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
      return new ElkBundled();
    }
    const [{ default: ElkApi }, { createElkWorker }] = await Promise.all([
      import('elkjs/lib/elk-api.js'),
      import('./elkWorker'),
    ]);
    return new ElkApi({ workerFactory: createElkWorker });
  })();
  return instance;
}
