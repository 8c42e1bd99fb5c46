// The test reads the package's own files: package.json and the worker's URL in the source.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { layeredLayout, LayeredLayoutOptions } from './layeredLayout';
import { LargeLayoutRequest } from './layoutPacking';

/** The globals a worker script and the tests read and replace. */
const workerGlobals = globalThis as unknown as Record<string, unknown>;

const OPTIONS: LayeredLayoutOptions = {
  nodeWidth: 200,
  nodeHeight: 44,
  nodeSpacing: 16,
  layerSpacing: 64,
  edgeSpacing: 8,
  padding: 12,
};
const nodeRefs = [
  'component:default/a',
  'component:default/b',
  'api:default/c',
];
const edges = [
  { source: nodeRefs[0], target: nodeRefs[1], key: 'a b' },
  { source: nodeRefs[1], target: nodeRefs[2], key: 'b c' },
];

const packageDir = path.resolve(__dirname, '../..');

/** The worker module loaded afresh, as a worker would load it. */
function loadWorkerModule() {
  jest.isolateModules(() => {
    require('./layoutWorker');
  });
}

/** A Worker that runs the layout worker module in this process, as a browser would in a thread. */
class InProcessWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  private readonly scope: {
    postMessage?: (data: unknown) => void;
    onmessage?: (event: { data: unknown }) => void;
  } = {};
  static urls: URL[] = [];

  constructor(url: URL) {
    InProcessWorker.urls.push(url);
    const scope = this.scope;
    scope.postMessage = (data: unknown) =>
      setTimeout(() => this.onmessage?.({ data }));
    const previousSelf = workerGlobals.self;
    workerGlobals.WorkerGlobalScope = function WorkerGlobalScope() {};
    workerGlobals.self = scope;
    try {
      loadWorkerModule();
    } finally {
      workerGlobals.self = previousSelf;
      delete workerGlobals.WorkerGlobalScope;
    }
  }

  postMessage(data: LargeLayoutRequest) {
    setTimeout(() => this.scope.onmessage?.({ data }));
  }

  terminate() {}
}

/** A Worker that cannot start, as when a script is blocked. */
class FailingWorker {
  onmessage = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  postMessage() {
    setTimeout(() => this.onerror?.({ preventDefault() {} }));
  }
  terminate() {}
}

describe('the layout worker', () => {
  afterEach(() => {
    delete workerGlobals.Worker;
  });

  it('is a package export, so that the published package has it, and the worker URL names that export', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
    );
    const target = pkg.exports['./layoutWorker'];
    expect(target).toBe('./src/graph/layoutWorker.ts');
    expect(fs.existsSync(path.join(packageDir, target))).toBe(true);

    // the bundler only follows a literal `new URL('…', import.meta.url)`
    const source = fs.readFileSync(
      path.join(__dirname, 'workerLayout.ts'),
      'utf8',
    );
    const urls = [
      ...source.matchAll(
        /new URL\(\s*'([^']+)',\s*import\.meta\.url\s*,?\s*\)/g,
      ),
    ].map(match => match[1]);
    expect(urls).toEqual([`${pkg.name}/layoutWorker`]);
  });

  it('leaves the page alone when imported outside a worker', () => {
    window.onmessage = null;
    loadWorkerModule();
    expect(window.onmessage).toBeNull();
  });

  it('lays the graph out in the worker, the same as on the page', async () => {
    workerGlobals.Worker = InProcessWorker;
    let layoutInWorker: typeof import('./workerLayout').layoutInWorker;
    jest.isolateModules(() => {
      ({ layoutInWorker } = require('./workerLayout'));
    });
    const layout = await layoutInWorker!(nodeRefs, edges, OPTIONS);
    expect(InProcessWorker.urls).toHaveLength(1);
    const expected = layeredLayout(nodeRefs, edges, OPTIONS);
    expect([...layout.nodes]).toEqual([...expected.nodes]);
    expect(layout.width).toBe(expected.width);
  });

  it('lays the graph out on the page when the worker cannot start', async () => {
    workerGlobals.Worker = FailingWorker;
    let layoutInWorker: typeof import('./workerLayout').layoutInWorker;
    jest.isolateModules(() => {
      ({ layoutInWorker } = require('./workerLayout'));
    });
    const layout = await layoutInWorker!(nodeRefs, edges, OPTIONS);
    const expected = layeredLayout(nodeRefs, edges, OPTIONS);
    expect([...layout.nodes]).toEqual([...expected.nodes]);
  });
});
