#!/usr/bin/env node
// The replica test (issue 10): two real demo backends (packages/backend: catalog, auth, permission,
// notifications, signals, Lockstep) on ONE PostgreSQL database set, a bounded load through
// /api/lockstep spread over both, replica A killed with SIGKILL in the middle of it and restarted, then
// every acknowledged write checked in the database and through both replicas. See README.md here.
//
//   scripts/with-postgres.sh node scripts/lockstep.mjs run node scripts/replica/run.mjs
//
// PostgreSQL comes from LOCKSTEP_REPLICA_DATABASE_URL or BACKSTAGE_TEST_DATABASE_POSTGRES<n>_CONNECTION_STRING
// (what scripts/with-postgres.sh exports); the databases are created with a unique prefix and dropped
// at the end, the backends are killed at the end, also on failure or Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const require = createRequire(import.meta.url);
const env = process.env;

const num = (name, fallback) =>
  env[name] === undefined ? fallback : Number(env[name]);
const SETTINGS = {
  ports: (env.LOCKSTEP_REPLICA_PORTS ?? '7207,7208').split(',').map(Number),
  inFlight: num('LOCKSTEP_REPLICA_IN_FLIGHT', 4),
  // operations before the kill, while A is down (paced, at most this many), and after A is back
  before: num('LOCKSTEP_REPLICA_OPS_BEFORE', 130),
  down: num('LOCKSTEP_REPLICA_OPS_DOWN', 200),
  downPaceMs: num('LOCKSTEP_REPLICA_DOWN_PACE_MS', 300),
  after: num('LOCKSTEP_REPLICA_OPS_AFTER', 130),
  // A stays down at least this long before it is started again
  downMs: num('LOCKSTEP_REPLICA_DOWN_MS', 4000),
  wakeLimitMs: num('LOCKSTEP_REPLICA_WAKE_LIMIT_MS', 5000),
  requestTimeoutMs: 20_000,
  startTimeoutMs: 150_000,
};

const STATIC_TOKEN = 'demo-pipeline-token-not-for-production';
// lockstep.readiness.expiryWarning's default; the demo app does not set it
const EXPIRY_WARNING_MS = 7 * 86_400_000;
const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const PREFIX = `lockstep_replica_${RUN}_`;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = message => console.log(`[replica ${elapsed()}] ${message}`);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const lower = s => String(s).toLocaleLowerCase('en-US');
const pick = list => list[Math.floor(Math.random() * list.length)];

// ------------------------------------------------------------------ the sample, from the repository

function sample() {
  const docs = file =>
    parseAllDocuments(
      fs.readFileSync(path.join(root, 'examples', file), 'utf8'),
    )
      .map(d => d.toJS())
      .filter(Boolean);
  const org = docs('org.yaml');
  const members = new Map();
  for (const g of org.filter(e => e.kind === 'Group')) {
    members.set(
      `group:default/${g.metadata.name}`,
      (g.spec.members ?? []).map(m => `user:default/${m}`),
    );
  }
  const users = org
    .filter(e => e.kind === 'User')
    .map(u => `user:default/${u.metadata.name}`);
  const components = docs('components.yaml').filter(
    e => e.kind === 'Component',
  );
  const owners = new Map(
    components.map(c => [
      `component:default/${c.metadata.name}`,
      `group:default/${c.spec.owner}`,
    ]),
  );
  return { members, users, components: components.length, owners };
}

const SAMPLE = sample();
const membersOf = group => SAMPLE.members.get(lower(group)) ?? [];

// Approval load: production (owning team, then security and operations) and staging (owning team) of
// services of four teams; a new request is always made by a member of the owning team, who may
// supersede the open one. secrets-broker and identity-service are left alone: the demo backend
// signs them off itself at start.
const APPROVAL_ENTITIES = [
  'component:default/refund-service',
  'component:default/ledger-service',
  'component:default/cart-service',
  'component:default/order-service',
  'component:default/search-service',
  'component:default/reporting-service',
];
const ENVIRONMENTS = ['production', 'staging'];
const READINESS_ENTITIES = [
  'component:default/web-storefront',
  'component:default/checkout-service',
  'component:default/payment-gateway',
  'component:default/ledger-service',
  'component:default/refund-service',
  'component:default/cart-service',
  'component:default/order-service',
  'component:default/search-service',
];
// the long-poll test uses its own entity and environment
const WAKE = {
  entityRef: 'component:default/payment-gateway',
  environment: 'staging',
};

// ------------------------------------------------------------------ HTTP

/** One request; never throws. `error` is set when no HTTP answer came (refused, reset, timeout). */
async function call(replica, method, url, { token, body, timeoutMs } = {}) {
  const t0 = performance.now();
  const startedAt = Date.now();
  replica.inflight = (replica.inflight ?? 0) + 1;
  try {
    const response = await fetch(`${replica.url}${url}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        'x-requested-with': 'XMLHttpRequest',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs ?? SETTINGS.requestTimeoutMs),
    });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      body: json,
      text,
      ms: performance.now() - t0,
      startedAt,
    };
  } catch (error) {
    const code =
      error?.name === 'TimeoutError'
        ? 'timeout'
        : error?.cause?.code ?? error?.cause?.name ?? error?.name ?? 'error';
    return { error: code, ms: performance.now() - t0, startedAt };
  } finally {
    replica.inflight--;
  }
}

const messageOf = result =>
  result.body?.error?.message ??
  result.body?.message ??
  result.text?.slice(0, 200) ??
  '';
const summarise = message =>
  String(message)
    .replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      '<id>',
    )
    .replace(/\b\d+\.\d+\.\d+(-r\d+)?\b/g, '<version>')
    .replace(/user:default\/[a-z.]+/g, '<user>')
    .replace(/component:default\/[a-z-]+/gi, '<entity>')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .slice(0, 150);

// ------------------------------------------------------------------ processes and databases

const replicas = [
  { name: 'A', port: SETTINGS.ports[0] },
  { name: 'B', port: SETTINGS.ports[1] },
].map(r => ({
  ...r,
  url: `http://localhost:${r.port}`,
  child: undefined,
  starts: 0,
}));
const [A, B] = replicas;
let workDir;
let connectionString;
let keepWorkDir = env.LOCKSTEP_REPLICA_KEEP === '1';

function databaseUrl() {
  if (env.LOCKSTEP_REPLICA_DATABASE_URL)
    return env.LOCKSTEP_REPLICA_DATABASE_URL;
  const keys = Object.keys(env)
    .filter(k =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    )
    .sort((a, b) => Number(b.match(/\d+/)[0]) - Number(a.match(/\d+/)[0]));
  return keys.length ? env[keys[0]] : undefined;
}

async function withDatabase(database, fn) {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabases() {
  if (!connectionString) return [];
  return withDatabase('postgres', async client => {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [PREFIX],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    return rows.map(r => r.datname);
  });
}

function portFree(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function writeOverride(replica) {
  const file = path.join(workDir, `app-config.replica-${replica.name}.yaml`);
  // JSON is YAML: no quoting surprises in the connection string
  const config = {
    backend: {
      baseUrl: replica.url,
      listen: { port: replica.port },
      database: { client: 'pg', prefix: PREFIX, connection: connectionString },
    },
    // the graph index is per replica; refresh it often so a fresh catalog is seen within seconds
    lockstep: {
      graph: {
        refresh: { frequency: { seconds: 2 }, timeout: { seconds: 30 } },
      },
    },
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Starts the demo backend as one plain Node process (what `backstage-cli package start` spawns, without its watcher). */
function startReplica(replica) {
  replica.starts++;
  const logFile = path.join(
    workDir,
    `replica-${replica.name}-${replica.starts}.log`,
  );
  replica.logFile = logFile;
  const out = fs.openSync(logFile, 'a');
  const childEnv = {
    ...env,
    NODE_ENV: 'development',
    ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
  };
  for (const k of Object.keys(childEnv))
    if (k.startsWith('APP_CONFIG_')) delete childEnv[k];
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [path.join(root, 'packages', 'backend')],
      }),
      'src/index.ts',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      replica.override,
    ],
    {
      cwd: path.join(root, 'packages', 'backend'),
      env: childEnv,
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  replica.child = child;
  replica.exited = false;
  child.once('exit', (code, signal) => {
    replica.exited = true;
    replica.exit = signal ?? code;
  });
  replica.startedAt = Date.now();
  log(
    `replica ${replica.name}: started pid ${child.pid} on :${replica.port} (log ${logFile})`,
  );
}

async function killReplica(replica) {
  const child = replica.child;
  if (!child || replica.exited) return;
  const gone = new Promise(resolve => child.once('exit', resolve));
  process.kill(child.pid, 'SIGKILL');
  await gone;
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitFor(
  what,
  replica,
  check,
  timeoutMs = SETTINGS.startTimeoutMs,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (replica.exited) {
      throw new Error(
        `replica ${replica.name} exited (${
          replica.exit
        }) while waiting for ${what}:\n${tail(replica.logFile)}`,
      );
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `replica ${replica.name}: ${what} not within ${
          timeoutMs / 1000
        } s:\n${tail(replica.logFile)}`,
      );
    }
    await sleep(250);
  }
}

/** Until the replica answers health, its catalog has the whole sample and its graph index has read it. */
async function waitReady(replica) {
  await waitFor('GET /api/lockstep/health', replica, async () => {
    const r = await call(replica, 'GET', '/api/lockstep/health', {
      timeoutMs: 2000,
    });
    return r.status === 200 && r.body?.status === 'ok';
  });
  const healthy = Date.now();
  await waitFor('the sample catalog', replica, async () => {
    const query = kind =>
      call(
        replica,
        'GET',
        `/api/catalog/entities/by-query?filter=kind=${kind}&fields=metadata.name,relations&limit=500`,
        {
          token: STATIC_TOKEN,
          timeoutMs: 5000,
        },
      );
    const [users, components] = await Promise.all([
      query('user'),
      query('component'),
    ]);
    return (
      users.status === 200 &&
      components.status === 200 &&
      users.body.items.length >= SAMPLE.users.length &&
      users.body.items.every(u =>
        u.relations?.some(r => r.type === 'memberOf'),
      ) &&
      components.body.items.length >= SAMPLE.components &&
      components.body.items.every(c =>
        c.relations?.some(r => r.type === 'ownedBy'),
      )
    );
  });
  const catalogDone = Date.now();
  await waitFor("Lockstep's graph index of the sample", replica, async () => {
    const r = await call(
      replica,
      'GET',
      '/api/lockstep/graph?entityRef=component:default/web-storefront',
      {
        token: STATIC_TOKEN,
        timeoutMs: 5000,
      },
    );
    return r.status === 200 && Date.parse(r.body.indexedAt) >= catalogDone;
  });
  log(
    `replica ${replica.name}: ready ${(
      (Date.now() - replica.startedAt) /
      1000
    ).toFixed(1)} s after start ` +
      `(health ${((healthy - replica.startedAt) / 1000).toFixed(
        1,
      )} s, catalog ${((catalogDone - replica.startedAt) / 1000).toFixed(
        1,
      )} s)`,
  );
  replica.up = true;
}

/** Samples how many connections the two replicas hold to the test databases; stop() gives the peak. */
function watchConnections() {
  let peak = 0;
  let running = true;
  const done = withDatabase('postgres', async client => {
    while (running) {
      const { rows } = await client.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE starts_with(datname, $1)',
        [PREFIX],
      );
      peak = Math.max(peak, rows[0].n);
      await sleep(500);
    }
  }).catch(() => {});
  return {
    stop: async () => {
      running = false;
      await done;
      return peak;
    },
  };
}

// ------------------------------------------------------------------ tokens

const tokens = new Map();
async function signIn(users) {
  let i = 0;
  for (const user of users) {
    const replica = replicas[i++ % 2]; // tokens of both replicas, used on both
    const r = await call(
      replica,
      'GET',
      `/api/auth/demo/refresh?user=${encodeURIComponent(user)}`,
    );
    const token = r.body?.backstageIdentity?.token;
    if (r.status !== 200 || !token) {
      throw new Error(
        `no token for ${user} from replica ${replica.name}: ${
          r.status ?? r.error
        } ${r.text ?? ''}`,
      );
    }
    tokens.set(user, token);
  }
}
const tokenOf = user => tokens.get(user);

// ------------------------------------------------------------------ the load

const ops = []; // every operation: kind, replica, phase, status | error, claim
const acknowledged = { request: [], decision: [], signoff: [], revoke: [] };
const latestRequest = new Map(); // entity+env -> the newest acknowledged view
const gateSigned = new Map(); // entity gate -> whether the last acknowledged write signed it off
let readinessTargets = []; // { entityRef, gateId, team }
let opCounter = 0;
const pathOf = ref => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `${kind}/${namespace}/${name}`;
};

function record(kind, replica, result, claim, opPhase) {
  const op = {
    n: ops.length + 1,
    kind,
    replica: replica.name,
    phase: opPhase,
    aDown: !A.up,
    startedAt: result.startedAt,
    ms: Math.round(result.ms),
    ...(result.error ? { error: result.error } : { status: result.status }),
    ...(result.status >= 400 && { message: messageOf(result) }),
    claim,
  };
  ops.push(op);
  if (result.status >= 200 && result.status < 300 && acknowledged[kind])
    acknowledged[kind].push(claim);
  return op;
}

async function createRequest(replica, opPhase) {
  const entityRef = pick(APPROVAL_ENTITIES);
  const environment = pick(ENVIRONMENTS);
  const requester = pick(membersOf(SAMPLE.owners.get(entityRef)));
  const n = ++opCounter;
  const body = {
    entityRef,
    environment,
    version: `1.${n}.0-r${RUN}`,
    title: `Replica test ${RUN} op ${n}`,
  };
  const r = await call(replica, 'POST', '/api/lockstep/approvals', {
    token: tokenOf(requester),
    body,
  });
  const claim = { ...body, requester, id: r.body?.id };
  record('request', replica, r, claim, opPhase);
  if (r.status === 201 || r.status === 200) {
    const k = `${lower(entityRef)} ${environment}`;
    const previous = latestRequest.get(k);
    if (!previous || previous.createdAt <= r.body.createdAt)
      latestRequest.set(k, r.body);
  }
}

/** Someone who may decide at the stage the request was last seen in, or undefined. */
function deciderFor(view) {
  const stage = view.progress?.stages?.[view.currentStage];
  if (!stage) return undefined;
  const decided = new Set(
    Object.keys(view.progress.decidedBy ?? {}).map(lower),
  );
  const candidates = stage.rules
    .filter(rule => rule.missing > 0)
    .flatMap(rule => membersOf(rule.group))
    .filter(u => lower(u) !== lower(view.requester) && !decided.has(lower(u)));
  return candidates.length ? pick(candidates) : undefined;
}

async function decide(replica, opPhase) {
  const open = [...latestRequest.values()].filter(v => v.state === 'pending');
  if (open.length === 0) return createRequest(replica, opPhase);
  const view = pick(open);
  const actor = deciderFor(view);
  if (!actor) return createRequest(replica, opPhase);
  const n = ++opCounter;
  const decision = Math.random() < 0.15 ? 'reject' : 'approve';
  const comment = `replica ${RUN} op ${n} ${decision}`;
  const r = await call(
    replica,
    'POST',
    `/api/lockstep/approvals/${view.id}/decisions`,
    {
      token: tokenOf(actor),
      body: { decision, comment },
    },
  );
  record(
    'decision',
    replica,
    r,
    { requestId: view.id, actor, decision, comment },
    opPhase,
  );
  if (r.status === 200) {
    const k = `${lower(r.body.entityRef)} ${r.body.environment}`;
    if (latestRequest.get(k)?.id === r.body.id) latestRequest.set(k, r.body);
  } else if (r.status === 409) {
    // decided or superseded meanwhile: stop deciding on what we last saw
    const k = `${lower(view.entityRef)} ${view.environment}`;
    if (latestRequest.get(k)?.id === view.id)
      latestRequest.set(k, { ...view, state: 'unknown' });
  }
}

async function readinessWrite(replica, opPhase) {
  const target = pick(readinessTargets);
  const k = `${target.entityRef} ${target.gateId}`;
  const signed = gateSigned.get(k) ?? false;
  const revoke = signed ? Math.random() < 0.6 : Math.random() < 0.15;
  const actor = pick(membersOf(target.team));
  const n = ++opCounter;
  const comment = `replica ${RUN} op ${n} ${revoke ? 'revoke' : 'sign-off'}`;
  const base = `/api/lockstep/readiness/${pathOf(target.entityRef)}/signoffs`;
  const r = revoke
    ? await call(replica, 'DELETE', `${base}/${target.gateId}`, {
        token: tokenOf(actor),
        body: { comment },
      })
    : await call(replica, 'POST', base, {
        token: tokenOf(actor),
        body: { gateId: target.gateId, comment, version: `2.${n}.0` },
      });
  record(
    revoke ? 'revoke' : 'signoff',
    replica,
    r,
    {
      entityRef: target.entityRef,
      gateId: target.gateId,
      actor,
      comment,
    },
    opPhase,
  );
  if (r.status === 200) gateSigned.set(k, !revoke);
  else if (r.status === 409 && revoke) gateSigned.set(k, false);
}

/** Reads between the writes, so that each replica keeps picking up the other's writes while they happen. */
async function read(replica, opPhase) {
  const reader = tokenOf('user:default/james.wright');
  const known = [...latestRequest.values()];
  if (Math.random() < 0.5 || known.length === 0) {
    const target = pick(readinessTargets);
    const r = await call(
      replica,
      'GET',
      `/api/lockstep/readiness/${pathOf(target.entityRef)}`,
      { token: reader },
    );
    record('read', replica, r, { entityRef: target.entityRef }, opPhase);
  } else {
    const view = pick(known);
    const r = await call(replica, 'GET', `/api/lockstep/approvals/${view.id}`, {
      token: reader,
    });
    record('read', replica, r, { requestId: view.id }, opPhase);
  }
}

async function oneOperation(opPhase) {
  const replica = Math.random() < 0.5 ? A : B;
  const roll = Math.random();
  if (roll < 0.3) return createRequest(replica, opPhase);
  if (roll < 0.65) return decide(replica, opPhase);
  if (roll < 0.9) return readinessWrite(replica, opPhase);
  return read(replica, opPhase);
}

/** Runs `count` operations with SETTINGS.inFlight at once; `stop()` ends the phase early. */
async function runPhase(name, count, { paceMs = 0, stop = () => false } = {}) {
  let issued = 0;
  const worker = async () => {
    while (issued < count && !stop()) {
      issued++;
      await oneOperation(name);
      if (paceMs) await sleep(paceMs);
    }
  };
  await Promise.all(Array.from({ length: SETTINGS.inFlight }, worker));
  return issued;
}

async function load() {
  const t0 = Date.now();
  await runPhase('before', SETTINGS.before);
  // kill A while operations are in flight: the next phase starts at once and A dies under it
  let aBack = false;
  const phaseDown = runPhase('A down', SETTINGS.down, {
    paceMs: SETTINGS.downPaceMs,
    stop: () => aBack,
  });
  // kill A while it has requests in flight (their writes are not acknowledged, whatever became of them)
  for (
    let waited = 0;
    (A.inflight ?? 0) < Math.min(2, SETTINGS.inFlight) && waited < 3000;
    waited += 2
  )
    await sleep(2);
  const killedAt = Date.now();
  const inflightAtKill = A.inflight;
  const opsAtKill = ops.length;
  A.up = false;
  await killReplica(A);
  log(
    `replica A: killed with SIGKILL (pid ${A.child.pid}, exit ${A.exit}) after ${opsAtKill} operations, ${inflightAtKill} requests in flight to it`,
  );
  await sleep(SETTINGS.downMs);
  startReplica(A);
  await waitReady(A);
  aBack = true;
  const back = Date.now();
  await phaseDown;
  const opsDown = ops.filter(o => o.phase === 'A down').length;
  await runPhase('after', SETTINGS.after);
  return {
    killedAt,
    opsAtKill,
    inflightAtKill,
    backAfterMs: back - killedAt,
    opsDown,
    loadMs: Date.now() - t0,
  };
}

// ------------------------------------------------------------------ the long poll across replicas

async function wakeAcross(hold, decideOn) {
  const owner = SAMPLE.owners.get(WAKE.entityRef);
  const [requester, approver] = membersOf(owner);
  const created = await call(decideOn, 'POST', '/api/lockstep/approvals', {
    token: tokenOf(requester),
    body: {
      ...WAKE,
      version: `9.${++opCounter}.0-r${RUN}`,
      title: `Replica test ${RUN} long poll`,
    },
  });
  if (created.status !== 201) {
    return {
      hold: hold.name,
      decideOn: decideOn.name,
      error: `create: ${created.status ?? created.error} ${messageOf(created)}`,
    };
  }
  acknowledged.request.push({
    ...WAKE,
    requester,
    id: created.body.id,
    version: created.body.version,
  });
  const id = created.body.id;
  const t0 = performance.now();
  let wokeAt;
  const waiting = call(
    hold,
    'GET',
    `/api/lockstep/approvals/${id}/wait?timeout=30`,
    {
      token: tokenOf(requester),
      timeoutMs: 45_000,
    },
  ).then(r => {
    wokeAt = performance.now();
    return r;
  });
  await sleep(1500); // the long poll is held by now
  if (wokeAt)
    return {
      hold: hold.name,
      decideOn: decideOn.name,
      error: 'the long poll answered before any decision',
    };
  const comment = `replica ${RUN} long poll`;
  const sent = performance.now();
  const decided = await call(
    decideOn,
    'POST',
    `/api/lockstep/approvals/${id}/decisions`,
    {
      token: tokenOf(approver),
      body: { decision: 'approve', comment },
    },
  );
  const ack = performance.now();
  if (decided.status !== 200) {
    return {
      hold: hold.name,
      decideOn: decideOn.name,
      error: `decision: ${decided.status ?? decided.error} ${messageOf(
        decided,
      )}`,
    };
  }
  acknowledged.decision.push({
    requestId: id,
    actor: approver,
    decision: 'approve',
    comment,
  });
  const woken = await waiting;
  const result = {
    hold: hold.name,
    decideOn: decideOn.name,
    heldMs: sent - t0,
    decisionMs: ack - sent,
    wakeMs: Math.max(0, wokeAt - ack),
    state: woken.body?.state,
  };
  if (woken.status !== 200 || woken.body?.state !== decided.body.state) {
    result.error = `the long poll answered ${
      woken.status ?? woken.error
    } state ${woken.body?.state} after ${((wokeAt - t0) / 1000).toFixed(
      1,
    )} s; the request is ${decided.body.state}`;
  }
  return result;
}

// ------------------------------------------------------------------ verification

/**
 * LOCKSTEP_REPLICA_TAMPER=1: damages the database behind the backends' backs before the verification,
 * to show that it catches each kind of damage (the run must then fail): an acknowledged decision
 * deleted, an audit row edited, a sign-off gate's state changed without an event, a superseded
 * request reopened next to the pending one.
 */
async function tamper() {
  await withDatabase(`${PREFIX}lockstep`, async client => {
    const decision = acknowledged.decision[0];
    const request = acknowledged.request[0];
    const gate = acknowledged.signoff[0];
    const done = [];
    if (decision) {
      await client.query(
        'DELETE FROM approval_decisions WHERE request_id = $1 AND comment = $2',
        [decision.requestId, decision.comment],
      );
      done.push(`deleted decision "${decision.comment}"`);
    }
    if (request) {
      await client.query(
        `UPDATE approval_audit SET data = '{"tampered":true}' WHERE request_id = $1 AND seq = 1`,
        [request.id],
      );
      done.push(`edited audit row 1 of ${request.id}`);
    }
    if (gate) {
      await client.query(
        "UPDATE readiness_gates SET status = 'failed' WHERE entity_ref = $1 AND gate_id = $2",
        [lower(gate.entityRef), gate.gateId],
      );
      done.push(
        `set ${gate.entityRef} ${gate.gateId} to failed without an event`,
      );
    }
    const { rows } = await client.query(
      "SELECT o.id FROM approval_requests o JOIN approval_requests p ON p.entity_key = o.entity_key AND lower(p.environment) = lower(o.environment) AND p.state = 'pending' WHERE o.state = 'superseded' LIMIT 1",
    );
    if (rows.length) {
      await client.query('DROP INDEX IF EXISTS approval_requests_one_open_idx');
      await client.query(
        "UPDATE approval_requests SET state = 'pending' WHERE id = $1",
        [rows[0].id],
      );
      done.push(
        `dropped the one-open-request index and reopened superseded ${rows[0].id}`,
      );
    }
    log(`TAMPER: ${done.join('; ')}`);
  });
}

/** A request to A that had reached it when it was killed: sent before the kill, or reset by it. */
const cutOffByKill = (o, loadInfo) =>
  Boolean(o.error) &&
  o.replica === 'A' &&
  o.startedAt <= loadInfo.killedAt + 1000 &&
  (o.startedAt < loadInfo.killedAt || o.error !== 'ECONNREFUSED');

async function pool(items, size, fn) {
  let i = 0;
  const out = [];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (i < items.length) {
        const index = i++;
        out[index] = await fn(items[index]);
      }
    }),
  );
  return out;
}

async function verify(loadInfo) {
  const findings = {
    lost: [],
    apiMismatch: [],
    chain: [],
    duplicates: [],
    auditState: [],
    readiness: [],
    readinessTransient: 0,
  };
  const db = await withDatabase(`${PREFIX}lockstep`, async client => {
    const q = async (sql, params) => (await client.query(sql, params)).rows;
    return {
      requests: await q(
        'SELECT id, entity_key, environment, version, requester, state, audit_count FROM approval_requests',
      ),
      decisions: await q(
        'SELECT request_id, actor, decision, comment FROM approval_decisions',
      ),
      events: await q(
        'SELECT id, entity_ref, gate_id, kind, status, actor, comment FROM readiness_events ORDER BY id',
      ),
      gates: await q(
        'SELECT entity_ref, gate_id, type, status, detail, signed_by, signed_at, expires_at, comment FROM readiness_gates',
      ),
      duplicates: await q(
        "SELECT entity_key, lower(environment) AS environment, count(*)::int AS n, string_agg(id, ' ') AS ids FROM approval_requests WHERE state = 'pending' GROUP BY 1, 2 HAVING count(*) > 1",
      ),
      audit: await q(
        "SELECT request_id, count(*)::int AS n, count(*) FILTER (WHERE action IN ('approved', 'rejected', 'cancelled', 'expired', 'superseded'))::int AS terminal FROM approval_audit GROUP BY request_id",
      ),
    };
  });

  // 1. every acknowledged write is in the database
  const requestById = new Map(db.requests.map(r => [r.id, r]));
  for (const c of acknowledged.request) {
    const row = requestById.get(c.id);
    if (
      !row ||
      row.entity_key !== lower(c.entityRef) ||
      lower(row.environment) !== lower(c.environment) ||
      row.version !== c.version ||
      lower(row.requester) !== lower(c.requester)
    ) {
      findings.lost.push({ kind: 'request', claim: c, row });
    }
  }
  const decisionKey = d =>
    `${d.request_id ?? d.requestId} ${lower(d.actor)} ${d.decision} ${
      d.comment
    }`;
  const decisionRows = new Set(db.decisions.map(decisionKey));
  for (const c of acknowledged.decision) {
    if (!decisionRows.has(decisionKey(c)))
      findings.lost.push({ kind: 'decision', claim: c });
  }
  const eventKey = (kind, e) =>
    `${kind} ${lower(e.entity_ref ?? e.entityRef)} ${
      e.gate_id ?? e.gateId
    } ${lower(e.actor)} ${e.comment}`;
  const eventRows = new Set(db.events.map(e => eventKey(e.kind, e)));
  for (const c of acknowledged.signoff) {
    if (!eventRows.has(eventKey('signed-off', c)))
      findings.lost.push({ kind: 'signoff', claim: c });
  }
  for (const c of acknowledged.revoke) {
    if (!eventRows.has(eventKey('revoked', c)))
      findings.lost.push({ kind: 'revoke', claim: c });
  }
  // writes cut off by the kill were not acknowledged: each may or may not have committed
  const versions = new Set(db.requests.map(r => r.version));
  const committed = o =>
    o.kind === 'request'
      ? versions.has(o.claim.version)
      : o.kind === 'decision'
      ? decisionRows.has(decisionKey(o.claim))
      : eventRows.has(
          eventKey(o.kind === 'signoff' ? 'signed-off' : 'revoked', o.claim),
        );
  const cutOff = ops.filter(
    o => cutOffByKill(o, loadInfo) && o.kind !== 'read',
  );
  findings.cutOff = {
    writes: cutOff.length,
    committed: cutOff.filter(committed).length,
  };

  // 2. at most one pending request per entity and environment
  findings.duplicates = db.duplicates;

  // 3. the audit trail agrees with the state: one terminal entry exactly when the request is final
  const auditOf = new Map(db.audit.map(a => [a.request_id, a]));
  for (const r of db.requests) {
    const a = auditOf.get(r.id) ?? { n: 0, terminal: 0 };
    const terminal = r.state === 'pending' ? 0 : 1;
    if (a.terminal !== terminal || a.n !== Number(r.audit_count)) {
      findings.auditState.push({
        id: r.id,
        state: r.state,
        auditRows: a.n,
        auditCount: Number(r.audit_count),
        terminalEntries: a.terminal,
      });
    }
  }

  // 4. through both replicas: each request as stored, its decisions, and its audit chain verifies
  const reader = tokenOf('user:default/james.wright');
  const decisionsOf = new Map();
  for (const d of db.decisions)
    decisionsOf.set(d.request_id, [
      ...(decisionsOf.get(d.request_id) ?? []),
      d,
    ]);
  const acknowledgedDecisions = new Map();
  for (const d of acknowledged.decision) {
    acknowledgedDecisions.set(d.requestId, [
      ...(acknowledgedDecisions.get(d.requestId) ?? []),
      d,
    ]);
  }
  await pool(
    db.requests.flatMap(r => replicas.map(replica => ({ r, replica }))),
    6,
    async ({ r, replica }) => {
      const [view, audit] = await Promise.all([
        call(replica, 'GET', `/api/lockstep/approvals/${r.id}`, {
          token: reader,
        }),
        call(replica, 'GET', `/api/lockstep/approvals/${r.id}/audit`, {
          token: reader,
        }),
      ]);
      if (view.status !== 200) {
        findings.apiMismatch.push({
          replica: replica.name,
          id: r.id,
          problem: `GET ${view.status ?? view.error} ${messageOf(view)}`,
        });
      } else {
        const stored = decisionsOf.get(r.id) ?? [];
        const shown = new Set(
          view.body.decisions.map(d => decisionKey({ ...d, requestId: r.id })),
        );
        const missing = (acknowledgedDecisions.get(r.id) ?? []).filter(
          d => !shown.has(decisionKey(d)),
        );
        if (
          view.body.state !== r.state ||
          view.body.decisions.length !== stored.length ||
          missing.length
        ) {
          findings.apiMismatch.push({
            replica: replica.name,
            id: r.id,
            problem: `API state ${view.body.state} with ${view.body.decisions.length} decisions, database ${r.state} with ${stored.length}; acknowledged decisions missing: ${missing.length}`,
          });
        }
      }
      if (
        audit.status !== 200 ||
        audit.body?.verification?.valid !== true ||
        audit.body.entries.length !== Number(r.audit_count)
      ) {
        findings.chain.push({
          replica: replica.name,
          id: r.id,
          problem:
            audit.status === 200
              ? `verification ${JSON.stringify(audit.body.verification)}, ${
                  audit.body.entries.length
                } entries, database audit_count ${r.audit_count}`
              : `GET audit ${audit.status ?? audit.error} ${messageOf(audit)}`,
        });
      }
    },
  );

  // 5. readiness. In the database: a gate's row agrees with its last event, and a sign-off gate is
  // what its last sign-off, revocation or expiry made it (an evaluation never undoes a person's
  // sign-off). Through both replicas: every stored gate of every entity, checks included, shows
  // what the database holds.
  const touched = new Set(
    [...acknowledged.signoff, ...acknowledged.revoke].map(
      c => `${lower(c.entityRef)} ${c.gateId}`,
    ),
  );
  const eventsOf = new Map();
  for (const e of db.events) {
    const k = `${e.entity_ref} ${e.gate_id}`;
    eventsOf.set(k, [...(eventsOf.get(k) ?? []), e]);
  }
  const expected = new Map();
  const now = Date.now();
  for (const row of db.gates) {
    const k = `${row.entity_ref} ${row.gate_id}`;
    const events = eventsOf.get(k) ?? [];
    const last = events[events.length - 1];
    if (last && last.status !== row.status) {
      findings.readiness.push({
        gate: k,
        replica: 'database',
        problem: `readiness_gates says ${row.status}, its last event (${last.kind} #${last.id}) ${last.status}`,
      });
    }
    if (row.type === 'signoff') {
      const firstPerson = events.findIndex(
        e => e.kind === 'signed-off' || e.kind === 'revoked',
      );
      const lastPerson = events.filter(e => e.kind !== 'evaluated').pop();
      const undone =
        firstPerson >= 0
          ? events.slice(firstPerson).filter(e => e.kind === 'evaluated')
          : [];
      if (undone.length || (lastPerson && lastPerson.status !== row.status)) {
        findings.readiness.push({
          gate: k,
          replica: 'database',
          problem: `sign-off gate is ${
            row.status
          }; last sign-off/revoke/expiry #${lastPerson?.id} ${
            lastPerson?.kind
          } left ${lastPerson?.status}; evaluations after the first sign-off: ${
            undone.map(e => `#${e.id} ${e.status}`).join(', ') || 'none'
          }`,
        });
      }
    }
    // the status the API derives from the row (sign-offs near their expiry are 'expiring')
    let status = row.status;
    if (row.type === 'signoff' && row.status === 'passed' && row.expires_at) {
      const left = Date.parse(row.expires_at) - now;
      status =
        left <= 0
          ? 'expired'
          : left <= EXPIRY_WARNING_MS
          ? 'expiring'
          : 'passed';
    }
    expected.set(k, {
      status,
      ...(row.type === 'signoff' && {
        signedBy: row.status === 'passed' ? row.signed_by : null,
        comment: row.comment ?? null,
      }),
      ...(row.type === 'check' && { detail: row.detail }),
    });
  }
  const entities = [...new Set(db.gates.map(g => g.entity_ref))];
  const compare = async (replica, entityRef) => {
    const r = await call(
      replica,
      'GET',
      `/api/lockstep/readiness/${pathOf(entityRef)}`,
      { token: reader },
    );
    const problems = [];
    for (const [k, want] of expected) {
      if (!k.startsWith(`${entityRef} `)) continue;
      const gateId = k.slice(entityRef.length + 1);
      if (r.status !== 200) {
        problems.push({
          gate: k,
          replica: replica.name,
          problem: `GET ${r.status ?? r.error} ${messageOf(r)}`,
        });
        continue;
      }
      const gate = r.body.gates.find(g => g.id === gateId);
      if (!gate) continue; // a stored gate of a profile that no longer applies is not shown
      const got = { status: gate.status };
      if ('signedBy' in want)
        Object.assign(got, {
          signedBy: gate.signedBy ?? null,
          comment: gate.comment ?? null,
        });
      if ('detail' in want) got.detail = gate.detail;
      const same =
        got.status === want.status &&
        lower(got.signedBy ?? '') === lower(want.signedBy ?? '') &&
        got.comment === want.comment &&
        got.detail === want.detail;
      if (!same)
        problems.push({
          gate: k,
          replica: replica.name,
          problem: `API ${JSON.stringify(got)}, database ${JSON.stringify(
            want,
          )}`,
        });
    }
    return problems;
  };
  for (const replica of replicas) {
    await pool(entities, 4, async entityRef => {
      let problems = await compare(replica, entityRef);
      if (problems.length) {
        // a replica may be one sync behind for a moment; a second look a few seconds later decides
        await sleep(3000);
        const again = await compare(replica, entityRef);
        if (again.length === 0) findings.readinessTransient += problems.length;
        problems = again;
      }
      findings.readiness.push(...problems);
    });
  }
  const gatesChecked = expected.size;
  const signoffGatesTouched = touched.size;
  return {
    findings,
    db,
    gatesChecked,
    signoffGatesTouched,
    entitiesChecked: entities.length,
  };
}

// ------------------------------------------------------------------ report

function report({ loadInfo, wake, verification }) {
  const { findings, db } = verification;
  const count = (list, f) => list.filter(f).length;
  const acked = Object.fromEntries(
    Object.entries(acknowledged).map(([k, v]) => [k, v.length]),
  );
  const ackDecisions = acknowledged.decision;
  // The backend listens before its plugins are up and answers 503 "starting" meanwhile (the demo
  // backend's startup module): while A restarts that is a client error like a refused connection
  const starting = o =>
    o.replica === 'A' &&
    o.aDown &&
    o.status === 503 &&
    /starting/.test(o.message ?? '');
  const noAnswer = ops.filter(o => o.error || starting(o));
  const refusals = ops.filter(o => o.status >= 400 && o.status < 500);
  const serverErrors = ops.filter(o => o.status >= 500 && !starting(o));
  const liveTimeouts = noAnswer.filter(
    o => o.error === 'timeout' && !(o.replica === 'A' && o.aDown),
  );
  const byMessage = list => {
    const groups = new Map();
    for (const o of list) {
      const k = `${o.status ?? o.error} ${o.kind}: ${summarise(
        o.message ?? '',
      )}`;
      groups.set(k, (groups.get(k) ?? 0) + 1);
    }
    return [...groups.entries()].sort((a, b) => b[1] - a[1]);
  };
  const errorsByCode = new Map();
  for (const o of noAnswer) {
    const k = starting(o)
      ? 'answered 503 while A was starting'
      : cutOffByKill(o, loadInfo)
      ? `cut off by the kill (${o.error})`
      : o.replica === 'A' && o.aDown && o.error === 'ECONNREFUSED'
      ? `refused while A was down (${o.error})`
      : `${o.error} from ${o.replica}`;
    errorsByCode.set(k, (errorsByCode.get(k) ?? 0) + 1);
  }
  const wakeMax = Math.max(...wake.map(w => (w.error ? Infinity : w.wakeMs)));
  const failures = [];
  if (findings.lost.length)
    failures.push(`${findings.lost.length} acknowledged writes lost`);
  if (serverErrors.length) failures.push(`${serverErrors.length} 5xx answers`);
  if (findings.duplicates.length)
    failures.push(
      `${findings.duplicates.length} entity+environment with several pending requests`,
    );
  if (findings.chain.length)
    failures.push(`${findings.chain.length} audit chain failures`);
  if (findings.auditState.length)
    failures.push(
      `${findings.auditState.length} requests whose audit trail disagrees with their state`,
    );
  if (findings.apiMismatch.length)
    failures.push(
      `${findings.apiMismatch.length} requests a replica shows differently from the database`,
    );
  if (findings.readiness.length)
    failures.push(
      `${findings.readiness.length} gates a replica shows differently from the database`,
    );
  if (liveTimeouts.length)
    failures.push(
      `${liveTimeouts.length} requests to a running replica timed out`,
    );
  if (!(wakeMax <= SETTINGS.wakeLimitMs))
    failures.push(
      `cross-replica long poll ${wake
        .map(w => w.error ?? `${(w.wakeMs / 1000).toFixed(2)} s`)
        .join(', ')} (limit ${SETTINGS.wakeLimitMs / 1000} s)`,
    );
  const pad = s => s.padEnd(22);
  const lines = [
    '',
    '======================== replica test (issue 10) ========================',
    `${pad('replicas')}A :${A.port} (SIGKILL after ${
      loadInfo.opsAtKill
    } completed ops, with ops in flight, serving again ${(
      loadInfo.backAfterMs / 1000
    ).toFixed(1)} s later), B :${
      B.port
    }; one PostgreSQL database set, prefix ${PREFIX}, at most ${
      verification.peakConnections
    } connections`,
    `${pad('operations')}${ops.length} (${count(
      ops,
      o => o.kind === 'read',
    )} of them reads; ${SETTINGS.inFlight} in flight, ${
      loadInfo.inflightAtKill
    } to A at the kill): ${
      ops.filter(o => o.phase === 'before').length
    } before the kill, ${loadInfo.opsDown} while A was down, ${
      ops.filter(o => o.phase === 'after').length
    } after; by replica A ${count(ops, o => o.replica === 'A')}, B ${count(
      ops,
      o => o.replica === 'B',
    )}; load ${(loadInfo.loadMs / 1000).toFixed(1)} s`,
    `${pad('acknowledged writes')}${Object.values(acked).reduce(
      (a, b) => a + b,
      0,
    )}: requests ${acked.request}, decisions ${acked.decision} (approve ${count(
      ackDecisions,
      d => d.decision === 'approve',
    )}, reject ${count(
      ackDecisions,
      d => d.decision === 'reject',
    )}), sign-offs ${acked.signoff}, revokes ${acked.revoke}`,
    `${pad('lost')}${
      findings.lost.length
    } (writes cut off by the kill, not acknowledged: ${
      findings.cutOff.writes
    }, of which committed anyway: ${findings.cutOff.committed})`,
    `${pad('client errors')}${
      noAnswer.length
    } not acknowledged by a running replica${
      errorsByCode.size
        ? `: ${[...errorsByCode.entries()]
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`
        : ''
    }`,
    `${pad('refusals (4xx)')}${refusals.length}${refusals.length ? ':' : ''}`,
    ...byMessage(refusals).map(
      ([k, v]) => `${pad('')}  ${String(v).padStart(3)} x ${k}`,
    ),
    `${pad('5xx')}${serverErrors.length}`,
    ...byMessage(serverErrors).map(
      ([k, v]) => `${pad('')}  ${String(v).padStart(3)} x ${k}`,
    ),
    `${pad('pending duplicates')}${
      findings.duplicates.length
    }${findings.duplicates
      .map(d => ` [${d.entity_key} ${d.environment}: ${d.n}]`)
      .join('')}`,
    `${pad('chain failures')}${findings.chain.length} (${
      db.requests.length
    } requests in the database, each verified through A and B)`,
    `${pad('audit vs state')}${
      findings.auditState.length
    } requests whose trail and state disagree`,
    `${pad('requests: API vs DB')}${
      findings.apiMismatch.length
    } disagreements (state and decisions through A and B)`,
    `${pad('readiness: API vs DB')}${
      findings.readiness.length
    } disagreements (all ${verification.gatesChecked} stored gates of ${
      verification.entitiesChecked
    } entities, ${
      verification.signoffGatesTouched
    } of them signed off or revoked by the load, through A and B; ${
      findings.readinessTransient
    } seen once and gone 3 s later)`,
    `${pad('cross-replica wake')}${wake
      .map(w =>
        w.error
          ? `held on ${w.hold}, decided on ${w.decideOn}: ${w.error}`
          : `held on ${w.hold}, decided on ${w.decideOn}: ${(
              w.wakeMs / 1000
            ).toFixed(2)} s after the decision was acknowledged`,
      )
      .join('; ')}`,
    `${pad('result')}${
      failures.length ? `FAIL: ${failures.join('; ')}` : 'PASS'
    } (${elapsed()} in all)`,
    '=========================================================================',
  ];
  console.log(lines.join('\n'));
  const details = [
    ...findings.lost
      .slice(0, 10)
      .map(f => `lost ${f.kind}: ${JSON.stringify(f.claim)}`),
    ...findings.chain
      .slice(0, 10)
      .map(f => `chain ${f.replica} ${f.id}: ${f.problem}`),
    ...findings.auditState
      .slice(0, 10)
      .map(f => `audit/state ${JSON.stringify(f)}`),
    ...findings.apiMismatch
      .slice(0, 10)
      .map(f => `request ${f.replica} ${f.id}: ${f.problem}`),
    ...findings.readiness
      .slice(0, 10)
      .map(f => `gate ${f.gate} on ${f.replica}: ${f.problem}`),
    ...findings.duplicates.map(
      d => `duplicate pending ${d.entity_key} ${d.environment}: ${d.ids}`,
    ),
  ];
  if (details.length)
    console.log(`details (first ten of each):\n  ${details.join('\n  ')}`);
  return failures.length === 0;
}

// ------------------------------------------------------------------ main

let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    for (const replica of replicas) await killReplica(replica).catch(() => {});
    const dropped = await dropDatabases().catch(error => {
      console.error(
        `[replica] could not drop the test databases (${PREFIX}*): ${error.message}`,
      );
      return [];
    });
    if (dropped.length) log(`dropped ${dropped.length} databases ${PREFIX}*`);
    if (workDir && !keepWorkDir)
      fs.rmSync(workDir, { recursive: true, force: true });
    else if (workDir) log(`logs and operations kept in ${workDir}`);
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    keepWorkDir = true;
    console.error(`[replica] ${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}
// last resort: never leave a backend behind
process.on('exit', () => {
  for (const replica of replicas) {
    if (replica.child && !replica.exited) {
      try {
        process.kill(replica.child.pid, 'SIGKILL');
      } catch {}
    }
  }
});

async function main() {
  if (Number(process.versions.node.split('.')[0]) < 22) {
    throw new Error(
      `Node ${process.version}: run with Node 22 or 24, e.g. node scripts/lockstep.mjs run node scripts/replica/run.mjs`,
    );
  }
  connectionString = databaseUrl();
  if (!connectionString) {
    throw new Error(
      'no PostgreSQL: run under scripts/with-postgres.sh (it exports BACKSTAGE_TEST_DATABASE_POSTGRES<n>_CONNECTION_STRING) or set LOCKSTEP_REPLICA_DATABASE_URL',
    );
  }
  const version = await withDatabase(
    'postgres',
    async c => (await c.query('SHOW server_version')).rows[0].server_version,
  );
  log(
    `PostgreSQL ${version} at ${
      new URL(connectionString).host
    }; databases ${PREFIX}*`,
  );
  for (const replica of replicas) {
    if (!(await portFree(replica.port))) {
      throw new Error(
        `port ${replica.port} is in use; set LOCKSTEP_REPLICA_PORTS=<a>,<b>`,
      );
    }
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-replica-'));
  for (const replica of replicas) replica.override = writeOverride(replica);

  // A first: it creates and migrates every plugin's database; B joins the same set once A's plugins
  // have all initialised (a rolling start: two backends creating the same databases at once is a
  // race of Backstage's, not what this test is about)
  startReplica(A);
  await waitFor('plugin initialization', A, async () =>
    fs
      .readFileSync(A.logFile, 'utf8')
      .includes('Plugin initialization complete'),
  );
  startReplica(B);
  const connections = watchConnections();
  await Promise.all([waitReady(A), waitReady(B)]);

  await signIn(SAMPLE.users);
  // the sign-off gates of the readiness entities, as the backend sees them
  for (const entityRef of READINESS_ENTITIES) {
    const r = await call(
      B,
      'GET',
      `/api/lockstep/readiness/${pathOf(entityRef)}`,
      { token: tokenOf('user:default/james.wright') },
    );
    if (r.status !== 200)
      throw new Error(
        `GET readiness of ${entityRef}: ${r.status ?? r.error} ${r.text ?? ''}`,
      );
    for (const gate of r.body.gates.filter(
      g => g.type === 'signoff' && g.team.startsWith('group:'),
    )) {
      if (membersOf(gate.team).length)
        readinessTargets.push({ entityRef, gateId: gate.id, team: gate.team });
    }
  }
  log(
    `load: ${readinessTargets.length} sign-off gates (${[
      ...new Set(readinessTargets.map(t => t.gateId)),
    ].join(', ')}), ${
      APPROVAL_ENTITIES.length * ENVIRONMENTS.length
    } entity+environment pairs for approvals`,
  );

  const loadInfo = await load();
  log(
    `load done: ${ops.length} operations in ${(loadInfo.loadMs / 1000).toFixed(
      1,
    )} s`,
  );
  const wake = [await wakeAcross(B, A), await wakeAcross(A, B)];
  if (env.LOCKSTEP_REPLICA_TAMPER === '1') await tamper();
  log('verifying in the database and through both replicas');
  const verification = await verify(loadInfo);
  verification.peakConnections = await connections.stop();
  fs.writeFileSync(
    path.join(workDir, 'operations.json'),
    JSON.stringify({ ops, acknowledged, wake }, null, 1),
  );
  const passed = report({ loadInfo, wake, verification });
  if (!passed) keepWorkDir = true;
  return passed ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  keepWorkDir = true;
  console.error(`[replica] FAIL: ${error.stack ?? error}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
