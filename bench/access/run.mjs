// Access benchmark: `npm run bench:access`. Starts the demo backend with a conditional catalog read
// policy (bench/access/backend.ts: Nina may read everything but what team Payments owns) and times,
// as Nina, what a hidden entity or request answers against an unknown one: the same 404, and it
// should take the same time, so that the time does not tell her what exists. Pairs alternate, so
// drift falls on both sides alike.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, log, stats, waitFor } from '../lib.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const BACKEND = 'http://localhost:7407';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;

function startBackend() {
  const configs = [
    'app-config.yaml',
    'bench/access/app-config.bench.yaml',
  ].flatMap(file => ['--config', path.join(root, file)]);
  const transform = path.join(
    root,
    'node_modules/@backstage/cli/config/nodeTransform.cjs',
  );
  const child = spawn(
    process.execPath,
    [
      '--require',
      transform,
      path.join(root, 'bench/access/backend.ts'),
      ...configs,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  fs.mkdirSync(path.join(root, '.lockstep', 'bench'), { recursive: true });
  const logFile = fs.createWriteStream(
    path.join(root, '.lockstep', 'bench', 'access-backend.log'),
  );
  child.stdout.pipe(logFile);
  child.stderr.pipe(logFile);
  return () => {
    try {
      // a throwaway in-memory backend: a graceful stop can take minutes and keeps a core busy
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
}

/** One GET as `client`, timed; it must answer `status`. */
async function timed(client, url, status) {
  const started = performance.now();
  const response = await fetch(`${BACKEND}${url}`, { headers: client.headers });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== status)
    throw new Error(`GET ${url}: ${response.status}, expected ${status}`);
  return ms;
}

async function main() {
  const stop = startBackend();
  process.on('exit', stop);
  try {
    await waitFor(
      'the backend',
      async () => (await fetch(`${BACKEND}/api/lockstep/health`)).ok,
      300_000,
    );
    const owner = createClient(BACKEND);
    await waitFor(
      'the sample users',
      () => owner.signIn('user:default/priya.sharma'),
      300_000,
    );
    const nina = createClient(BACKEND);
    await waitFor(
      'the restricted user',
      () => nina.signIn('user:default/nina.petrova'),
      300_000,
    );
    const hiddenRef = 'component:default/payment-gateway';
    await waitFor(
      'the graph index',
      async () => {
        const r = await fetch(
          `${BACKEND}/api/lockstep/graph?entityRef=${hiddenRef}`,
          { headers: owner.headers },
        );
        const readiness = await fetch(
          `${BACKEND}/api/lockstep/readiness/${hiddenRef.replace(':', '/')}`,
          { headers: owner.headers },
        );
        // hidden from Nina, not missing: her owners read it
        return (r.ok && readiness.ok) || `${r.status} ${readiness.status}`;
      },
      300_000,
    );
    // a request on the hidden entity, made by its owners
    const request = await owner.json(`${BACKEND}/api/lockstep/approvals`, {
      method: 'POST',
      body: JSON.stringify({
        entityRef: hiddenRef,
        environment: 'staging',
        version: '9.9.9',
        title: 'Bench release',
      }),
    });
    const unknownRef = 'component:default/no-such-service';
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const pairs = [
      [
        'graph root',
        r => `/api/lockstep/graph?entityRef=${r}`,
        hiddenRef,
        unknownRef,
      ],
      [
        'readiness of an entity',
        r => `/api/lockstep/readiness/${r.replace(':', '/')}`,
        hiddenRef,
        unknownRef,
      ],
      [
        'approval request by id',
        id => `/api/lockstep/approvals/${id}`,
        request.id,
        unknownId,
      ],
    ];
    const rows = [];
    for (const [what, url, hidden, unknown] of pairs) {
      const h = [];
      const u = [];
      for (let i = 0; i < WARMUP + ROUNDS; i++) {
        // alternate which goes first, so that neither side always follows the other
        const first = i % 2 === 0;
        const a = await timed(nina, url(first ? hidden : unknown), 404);
        const b = await timed(nina, url(first ? unknown : hidden), 404);
        if (i < WARMUP) continue;
        h.push(first ? a : b);
        u.push(first ? b : a);
      }
      rows.push({ what, hidden: stats(h), unknown: stats(u) });
    }
    // listing by entity: an empty page for both
    {
      const h = [];
      const u = [];
      for (let i = 0; i < WARMUP + ROUNDS; i++) {
        const first = i % 2 === 0;
        const url = r => `/api/lockstep/approvals?entityRef=${r}`;
        const a = await timed(nina, url(first ? hiddenRef : unknownRef), 200);
        const b = await timed(nina, url(first ? unknownRef : hiddenRef), 200);
        if (i < WARMUP) continue;
        h.push(first ? a : b);
        u.push(first ? b : a);
      }
      rows.push({
        what: 'approvals listed by entity (an empty page)',
        hidden: stats(h),
        unknown: stats(u),
      });
    }

    // the scale: one catalog read of an entity Nina may read
    const reads = [];
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const t = await timed(
        nina,
        '/api/catalog/entities/by-name/component/default/checkout-service',
        200,
      );
      if (i >= WARMUP) reads.push(t);
    }
    const scale = stats(reads);

    const ms = v => `${v.toFixed(2)} ms`;
    console.log(
      `\nHidden against unknown, as a user under a conditional read policy, ${ROUNDS} pairs each (after ${WARMUP} to warm up)\n`,
    );
    console.log(
      '| answer | hidden p50 / p95 | unknown p50 / p95 | ratio of medians |',
    );
    console.log('|---|---|---|---|');
    let worst = 0;
    for (const { what, hidden, unknown } of rows) {
      const ratio = hidden.median / unknown.median;
      worst = Math.max(worst, Math.abs(ratio - 1));
      console.log(
        `| ${what} | ${ms(hidden.median)} / ${ms(hidden.p95)} | ${ms(
          unknown.median,
        )} / ${ms(unknown.p95)} | ${ratio.toFixed(2)} |`,
      );
    }
    console.log(
      `| baseline: one catalog read by name of an entity she may read | ${ms(
        scale.median,
      )} / ${ms(scale.p95)} | | |`,
    );
    console.log(
      `\nTarget: medians within 20 % of each other; the furthest apart is ${(
        worst * 100
      ).toFixed(0)} %.`,
    );
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
