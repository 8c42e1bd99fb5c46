// Readiness benchmark: `npm run bench:readiness`. Starts the demo backend with about 10,600 synthetic
// entities in the real catalog and the demo app's readiness profiles, then measures in one run:
//   - a full evaluation of every entity (the scheduled task: read the whole catalog, run every check,
//     store what changed), against the floor of any evaluator: paging the whole catalog once;
//   - the roll-up of every entity across the graph, right after a sign-off invalidated it, read
//     through POST /readiness/statuses for every component, and the whole board;
//   - the single-entity endpoint warm, p50/p95, against one catalog read of the same entity.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalog } from '../graph/synthetic.mjs';
import {
  createClient,
  log,
  stats,
  time,
  waitFor,
  waitForBackendAndCatalog,
} from '../lib.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const BACKEND = 'http://localhost:7307';
const client = createClient(BACKEND);
const json = client.json;

/** The synthetic catalog of the graph benchmark, with on-call annotations and runbooks on most services. */
function catalog() {
  const entities = generateCatalog();
  let n = 0;
  for (const entity of entities) {
    if (entity.kind !== 'Component') continue;
    n++;
    entity.metadata.annotations =
      n % 10 === 0 ? {} : { 'pagerduty.com/service-id': `P${n}` };
    entity.metadata.links =
      n % 13 === 0
        ? []
        : [
            {
              url: `https://runbooks.example/${n}`,
              title: 'Runbook',
              type: 'runbook',
            },
          ];
  }
  return entities;
}

function startBackend() {
  const configs = [
    'app-config.yaml',
    'bench/readiness/app-config.bench.yaml',
  ].flatMap(file => ['--config', path.join(root, file)]);
  // Not `backstage-cli package start`: it restarts the backend (and empties its in-memory catalog)
  // whenever a source file changes, which would restart a long benchmark mid-run.
  const transform = path.join(
    root,
    'node_modules/@backstage/cli/config/nodeTransform.cjs',
  );
  const child = spawn(
    process.execPath,
    ['--require', transform, 'src/index.ts', ...configs],
    {
      cwd: path.join(root, 'packages/backend'),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const evaluations = [];
  // the backend's log, for when something goes wrong
  const logFile = fs.createWriteStream(
    path.join(root, '.lockstep', 'bench', 'readiness-backend.log'),
  );
  const read = chunk => {
    logFile.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      const match = line.match(
        /Readiness: evaluated (\d+) entities in (\d+) ms, (\d+) changes \(([^)]*)\)/,
      );
      if (match)
        evaluations.push({
          entities: +match[1],
          ms: +match[2],
          changes: +match[3],
          phases: match[4],
          at: Date.now(),
        });
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const stop = () => {
    try {
      // a throwaway in-memory backend: a graceful stop can take minutes and keeps a core busy
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return { stop, evaluations };
}

async function pageWholeCatalog() {
  let cursor;
  let count = 0;
  do {
    const page = await json(
      `${BACKEND}/api/catalog/entities/by-query?limit=1000${
        cursor ? `&cursor=${cursor}` : ''
      }`,
    );
    count += page.items.length;
    cursor = page.pageInfo?.nextCursor;
  } while (cursor);
  return count;
}

const ms = value => `${value.toFixed(1)} ms`;

async function main() {
  const entities = catalog();
  const dir = path.join(root, '.lockstep', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'readiness-synthetic.yaml'),
    entities.map(e => JSON.stringify(e)).join('\n---\n'),
  );
  const components = entities
    .filter(e => e.kind === 'Component')
    .map(e => `component:default/${e.metadata.name}`);
  log(`${entities.length} synthetic entities, ${components.length} components`);

  const backend = startBackend();
  process.on('exit', backend.stop);
  try {
    await waitForBackendAndCatalog(
      BACKEND,
      client,
      'user:default/grace.kim',
      components.length + 31,
    );
    // Stitching (relations) trails ingestion: done once two full evaluations in a row change nothing.
    await waitFor(
      'two quiet evaluations in a row',
      async () => {
        const [a, b] = backend.evaluations.slice(-2);
        return (
          (a &&
            b &&
            a.entities >= components.length &&
            a.changes === 0 &&
            b.changes === 0) ||
          `${
            backend.evaluations.length
          } evaluations so far, last ${JSON.stringify(b ?? a ?? {})}`
        );
      },
      900_000,
    );
    const fullRuns = backend.evaluations.slice(-2);
    const firstRun = backend.evaluations.find(
      e => e.entities >= components.length,
    );

    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await time(pageWholeCatalog));
    const floor = stats(pages).median;

    // Roll-up: every sign-off invalidates it, the next read recomputes it for the whole catalog.
    const target = components.find((_, i) => i % 10 !== 0 && i % 13 !== 0);
    const entityPath = ref =>
      `/api/lockstep/readiness/component/default/${ref.split('/')[1]}`;
    const rollUps = [];
    const boards = [];
    let boardSize = 0;
    for (let i = 0; i < 8; i++) {
      if (i % 2 === 0) {
        await json(`${BACKEND}${entityPath(target)}/signoffs`, {
          method: 'POST',
          body: JSON.stringify({ gateId: 'product-acceptance' }),
        });
      } else {
        await json(
          `${BACKEND}${entityPath(target)}/signoffs/product-acceptance`,
          {
            method: 'DELETE',
            body: JSON.stringify({ comment: 'bench' }),
          },
        );
      }
      rollUps.push(
        await time(() =>
          json(`${BACKEND}/api/lockstep/readiness/statuses`, {
            method: 'POST',
            body: JSON.stringify({ entityRefs: components }),
          }),
        ),
      );
      boards.push(
        await time(async () => {
          boardSize = (await json(`${BACKEND}/api/lockstep/readiness`)).total;
        }),
      );
    }
    const counts = {};
    for (const status of Object.values(
      (
        await json(`${BACKEND}/api/lockstep/readiness/statuses`, {
          method: 'POST',
          body: JSON.stringify({ entityRefs: components }),
        })
      ).statuses,
    )) {
      counts[status] = (counts[status] ?? 0) + 1;
    }

    // Single entity, warm: Lockstep's endpoint against one catalog read of the same entity.
    const sample = components.filter((_, i) => i % 35 === 3);
    const single = [];
    const catalogRead = [];
    for (const round of [0, 1, 2]) {
      for (const ref of sample) {
        const name = ref.split('/')[1];
        const a = await time(() => json(`${BACKEND}${entityPath(ref)}`));
        const b = await time(() =>
          json(
            `${BACKEND}/api/catalog/entities/by-name/component/default/${name}`,
          ),
        );
        if (round > 0) {
          single.push(a);
          catalogRead.push(b);
        }
      }
    }
    const s = stats(single);
    const c = stats(catalogRead);
    const evalMs = stats(fullRuns.map(r => r.ms)).median;
    const rollUp = stats(rollUps);
    const board = stats(boards);

    console.log(
      `\nReadiness on ${entities.length} synthetic entities (+ the sample), ${
        components.length
      } components; statuses ${JSON.stringify(counts)}\n`,
    );
    console.log('| measure | Lockstep | baseline in the same run | ratio |');
    console.log('|---|---|---|---|');
    console.log(
      `| full evaluation of every entity (scheduled task, steady state) | ${ms(
        evalMs,
      )} | paging the whole catalog once: ${ms(floor)} | ${(
        evalMs / floor
      ).toFixed(2)} |`,
    );
    console.log(
      `| first full evaluation (stores every gate) | ${
        firstRun ? ms(firstRun.ms) : 'n/a'
      } | | |`,
    );
    console.log(
      `| phases of the last steady-state evaluation | ${
        fullRuns.at(-1).phases
      } | | |`,
    );
    console.log(
      `| roll-up of every entity after a sign-off, statuses of all ${
        components.length
      } components, p50 / p95 | ${ms(rollUp.median)} / ${ms(rollUp.p95)} | | |`,
    );
    console.log(
      `| the board's first page (500 of ${boardSize} entities) after a sign-off, p50 / p95 | ${ms(
        board.median,
      )} / ${ms(board.p95)} | | |`,
    );
    console.log(
      `| single entity warm, p50 / p95 (n=${s.n}) | ${ms(s.median)} / ${ms(
        s.p95,
      )} | one catalog read by name: ${ms(c.median)} / ${ms(c.p95)} | ${(
        s.median / c.median
      ).toFixed(2)} / ${(s.p95 / c.p95).toFixed(2)} |`,
    );
    console.log(
      `\nTargets: full roll-up under 2 s; single entity p95 under 50 ms.`,
    );
  } finally {
    backend.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
