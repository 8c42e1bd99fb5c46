// Graph benchmark: `npm run bench:graph`. Starts the demo app with about 10,600 synthetic entities
// loaded into the real catalog, then measures in one run, side by side:
//   (a) Lockstep's GET /api/lockstep/graph, unlimited depth, twice: a first call (the answer is
//       computed: walk, serialisation, compression) and a repeated one (the backend keeps answers
//       for callers allowed to read the whole catalog until its index is next refreshed, and sends
//       the kept bytes after the permission decision). Each first call asks with another node cap
//       (up to the default limit of 5,000) above the answer's size: the same answer, not kept yet;
//   (b) the baseline catalog-graph uses: a walk with one POST /entities/by-refs per depth level,
//       full entities, through the same catalog;
//   (c) the floor: one POST /entities/by-refs of exactly the answer's refs with a field projection;
// and in headless Chromium the time from data to a drawn graph, with the longest main-thread task, for
// Lockstep's Dependencies tab and catalog-graph's page on the same roots.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closureSizes, generateCatalog } from './synthetic.mjs';
import {
  createClient,
  log,
  sleep,
  stats,
  time,
  waitFor,
  waitForBackendAndCatalog,
} from '../lib.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const BACKEND = 'http://localhost:7207';
const APP = 'http://localhost:3200';
const client = createClient(BACKEND);
const json = client.json;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'spec.lifecycle',
  'relations',
];
const RELATIONS = {
  upstream: ['dependsOn', 'consumesApi', 'apiProvidedBy'],
  downstream: ['dependencyOf', 'apiConsumedBy', 'providesApi'],
};

const byRefs = body =>
  json(`${BACKEND}/api/catalog/entities/by-refs`, {
    method: 'POST',
    body: JSON.stringify(body),
  });

// (a)
const lockstep = (ref, direction, maxNodes = 5000) =>
  json(
    `${BACKEND}/api/lockstep/graph?entityRef=${ref}&direction=${direction}&depth=0&maxNodes=${maxNodes}`,
  );

// (b) what catalog-graph does: discover each level from the previous level's full entities
async function baselineWalk(ref, direction) {
  const types = RELATIONS[direction];
  const seen = new Set([ref]);
  let frontier = [ref];
  let requests = 0;
  while (frontier.length > 0) {
    const { items } = await byRefs({ entityRefs: frontier });
    requests++;
    const next = [];
    for (const entity of items) {
      for (const relation of entity?.relations ?? []) {
        if (types.includes(relation.type) && !seen.has(relation.targetRef)) {
          seen.add(relation.targetRef);
          next.push(relation.targetRef);
        }
      }
    }
    frontier = next;
  }
  return { size: seen.size, requests };
}

// (c)
const floor = refs => byRefs({ entityRefs: refs, fields: FIELDS });

function startApp() {
  const configs = [
    'app-config.yaml',
    'bench/graph/app-config.bench.yaml',
  ].flatMap(file => ['--config', path.join(root, file)]);
  const child = spawn('backstage-cli', ['repo', 'start', ...configs], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  child.stderr.on('data', () => {});
  return () => {
    try {
      // a throwaway in-memory backend: a graceful stop can take minutes and keeps a core busy
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Opens a view in its own Chromium, waits for the expected number of nodes, and reports the time
 * from the last data response to the end of the first frame with every node drawn (laid out and
 * painted), and the longest main-thread task from the data until half a second after that. A view that has not drawn in time is reported as such, and its
 * browser killed (a frozen renderer cannot be closed politely).
 */
async function measureView({
  label,
  url,
  dataUrlPart,
  selector,
  nodes,
  timeoutMs,
}) {
  const { chromium } = await import('playwright-core');
  const tag = `--lockstep-bench-view=${Math.random().toString(36).slice(2)}`; // finds this browser's processes
  const browser = await chromium.launch({
    executablePath: process.env.LOCKSTEP_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, tag],
  });
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
  });
  await context.addInitScript(
    ([probeSelector, probeNodes]) => {
      localStorage.setItem('lockstep-demo-sign-in', 'user:default/grace.kim');
      window.__longTasks = [];
      new PerformanceObserver(list => {
        for (const entry of list.getEntries())
          window.__longTasks.push({
            start: entry.startTime,
            duration: entry.duration,
          });
      }).observe({ type: 'longtask', buffered: true });
      // Checked at the start of each frame. Once every node is on the page, the time is taken at
      // the start of the next frame: by then the frame that had them all has been painted.
      const check = () => {
        if (document.querySelectorAll(probeSelector).length >= probeNodes) {
          requestAnimationFrame(() => {
            window.__drawnAt = performance.now();
          });
          return;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    [selector, nodes],
  );
  const page = await context.newPage();
  try {
    await page.goto(url);
    // The page's own timers stop while its main thread is blocked: the deadline is kept out here.
    await Promise.race([
      page.waitForFunction(() => window.__drawnAt !== undefined, undefined, {
        timeout: 0,
        polling: 100,
      }),
      sleep(timeoutMs).then(() => {
        throw new Error('timeout');
      }),
    ]);
    await page.waitForTimeout(500); // long tasks right after drawing count too
    return await page.evaluate(
      ([part, sel]) => {
        const data = performance
          .getEntriesByType('resource')
          .filter(e => e.name.includes(part));
        const dataAt = Math.max(...data.map(e => e.responseEnd));
        const tasks = window.__longTasks.filter(
          t => t.start + t.duration >= dataAt,
        );
        return {
          drawnMs: window.__drawnAt - dataAt,
          nodes: document.querySelectorAll(sel).length,
          longest: Math.max(0, ...tasks.map(t => t.duration)),
          requests: data.length,
        };
      },
      [dataUrlPart, selector],
    );
  } catch {
    return { failed: `not drawn within ${timeoutMs / 1000} s` };
  } finally {
    spawnSync('pkill', ['-KILL', '-f', tag]);
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  }
}

async function browserBench(cases) {
  // Warm the dev server's bundles once, so that compiling is not measured.
  await measureView({
    label: 'warm-up',
    url: `${APP}/catalog/default/component/checkout-service/dependencies`,
    dataUrlPart: '/api/lockstep/graph',
    selector: 'svg [data-entity-ref]',
    nodes: 2,
    timeoutMs: 240_000,
  });
  const results = [];
  for (const c of cases) {
    const name = c.ref.split('/')[1];
    const relations = RELATIONS[c.direction]
      .map(r => `selectedRelations[]=${r}`)
      .join('&');
    for (const view of [
      {
        label: 'Lockstep tab',
        url: `${APP}/catalog/default/component/${name}/dependencies?direction=${c.direction}&depth=0`,
        dataUrlPart: '/api/lockstep/graph',
        selector: 'svg[data-complete] [data-entity-ref]',
      },
      {
        label: 'catalog-graph page',
        url: `${APP}/catalog-graph?rootEntityRefs[]=${c.ref}&maxDepth=%E2%88%9E&${relations}&unidirectional=true`,
        dataUrlPart: '/entities/by-refs',
        selector: '[data-testid="node"]',
      },
    ]) {
      log(`browser: ${view.label}, ${name} (${c.size} nodes)`);
      const timeoutMs = 90_000;
      const outcome = await Promise.race([
        measureView({ ...view, nodes: c.size, timeoutMs }),
        // a renderer stuck in one long task can hold up Playwright itself
        sleep(timeoutMs + 30_000).then(() => ({
          failed: `not drawn within ${timeoutMs / 1000} s (page unresponsive)`,
        })),
      ]);
      spawnSync('pkill', ['-KILL', '-f', 'lockstep-bench-view=']);
      results.push({ label: view.label, root: name, size: c.size, ...outcome });
    }
  }
  return results;
}

async function main() {
  const dir = path.join(root, '.lockstep', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const entities = generateCatalog();
  fs.writeFileSync(
    path.join(dir, 'synthetic.yaml'),
    entities.map(e => JSON.stringify(e)).join('\n---\n'),
  );
  const sizes = [
    ...closureSizes(entities, 'upstream'),
    ...closureSizes(entities, 'downstream'),
  ];
  const closest = target =>
    sizes.reduce((a, b) =>
      Math.abs(b.size - target) < Math.abs(a.size - target) ? b : a,
    );
  const cases = [100, 1000, 2000].map(closest);
  log(
    `${entities.length} synthetic entities; roots ${cases
      .map(c => `${c.ref} ${c.direction} (${c.size})`)
      .join(', ')}`,
  );

  const stop = startApp();
  process.on('exit', stop);
  try {
    const started = Date.now();
    await waitForBackendAndCatalog(
      BACKEND,
      client,
      'user:default/grace.kim',
      7000 + 30,
    );
    // Done when every root's answer, Lockstep's and the walk's, has the size the generator predicts (the
    // catalog stitches relations after ingesting, the index refreshes every 30 s).
    const largest = cases[cases.length - 1];
    await waitFor(
      'every relation to be stitched and indexed',
      async () => {
        for (const c of cases) {
          const answer = await lockstep(c.ref, c.direction);
          if (answer.nodes.length < c.size)
            return `${c.ref}: Lockstep has ${answer.nodes.length} of ${c.size} nodes`;
          // the walk reads reverse relations (dependencyOf...), which the catalog stitches later
          const walk = await baselineWalk(c.ref, c.direction);
          if (walk.size < c.size)
            return `${c.ref}: the catalog walk reaches ${walk.size} of ${c.size} nodes`;
        }
        return true;
      },
      900_000,
    );
    log(
      `catalog loaded and indexed in ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );

    const rows = [];
    for (const c of process.env.BENCH_API === '0' ? [] : cases) {
      const samples = { a: [], kept: [], b: [], c: [] };
      const answer = await lockstep(c.ref, c.direction);
      const refs = answer.nodes.map(n => n.entityRef);
      const walk = await baselineWalk(c.ref, c.direction);
      for (let i = 0; i < WARMUP + RUNS; i++) {
        // a node cap not asked before, above the answer's size: the same answer, computed afresh
        const a = await time(() => lockstep(c.ref, c.direction, 4999 - i));
        const kept = await time(() => lockstep(c.ref, c.direction));
        const b = await time(() => baselineWalk(c.ref, c.direction));
        const f = await time(() => floor(refs));
        if (i >= WARMUP) {
          samples.a.push(a);
          samples.kept.push(kept);
          samples.b.push(b);
          samples.c.push(f);
        }
      }
      if (walk.size !== answer.nodes.length) {
        throw new Error(
          `${c.ref}: the walk found ${walk.size} entities, Lockstep ${answer.nodes.length}`,
        );
      }
      rows.push({
        c,
        nodes: answer.nodes.length,
        walk,
        a: stats(samples.a),
        kept: stats(samples.kept),
        b: stats(samples.b),
        f: stats(samples.c),
      });
    }

    const ms = x => x.toFixed(1);
    if (rows.length > 0) {
      console.log(
        `\nGraph API on ${
          entities.length + 60
        } entities, median (p95) ms over ${RUNS} runs:\n`,
      );
      console.log(
        "| root | nodes | (a) Lockstep /graph, first call | (a') repeated | (b) level-by-level walk | walk requests | (c) floor: one by-refs | a/b | a'/b | a/c |",
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|');
      for (const r of rows) {
        const cell = x => `${ms(x.median)} (${ms(x.p95)})`;
        console.log(
          `| ${r.c.ref.split('/')[1]} ${r.c.direction} | ${r.nodes} | ${cell(
            r.a,
          )} | ${cell(r.kept)} | ${cell(r.b)} | ${r.walk.requests} | ${cell(
            r.f,
          )} | ${(r.a.median / r.b.median).toFixed(3)} | ${(
            r.kept.median / r.b.median
          ).toFixed(3)} | ${(r.a.median / r.f.median).toFixed(2)} |`,
        );
      }
    }

    if (process.env.BENCH_BROWSER !== '0') {
      const browserCases = [closest(200), largest];
      const results = await browserBench(browserCases);
      console.log(
        '\nBrowser (headless Chromium, dev build): data received to graph laid out and painted, and the longest main-thread task from the data until 0.5 s after:\n',
      );
      console.log(
        '| view | root | nodes | data → drawn (ms) | longest task (ms) | data requests |',
      );
      console.log('|---|---|---|---|---|---|');
      for (const r of results) {
        console.log(
          r.failed
            ? `| ${r.label} | ${r.root} | ${r.size} | ${r.failed} | | |`
            : `| ${r.label} | ${r.root} | ${r.nodes} | ${ms(r.drawnMs)} | ${ms(
                r.longest,
              )} | ${r.requests} |`,
        );
      }
    }
  } finally {
    stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
