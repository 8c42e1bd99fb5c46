#!/usr/bin/env node
/**
 * Runs every Jest test of the workspace alone (`--testNamePattern` matching that one test's full
 * name, in a Jest process of its own) and lists those that fail alone or do not run at all, so a
 * test that leans on state another test left behind is found.
 *
 *   node scripts/check-isolation.mjs [--package plugins/lockstep-backend] [--file fuzz] [--jobs 2]
 *
 * First each package's suite runs once with `--json` to learn the tests' names; then each test
 * that passed there runs alone. Exits 1 when any test fails alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = name => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const onlyPackage = option('package');
const onlyFile = option('file');
const jobs = Number(option('jobs') ?? Math.max(1, cpus().length));
const scratch = mkdtempSync(join(tmpdir(), 'lockstep-isolation-'));

const packages = ['plugins', 'packages']
  .flatMap(dir => readdirSync(join(root, dir)).map(name => join(dir, name)))
  .filter(dir => existsSync(join(root, dir, 'package.json')))
  .filter(dir => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json')));
    return manifest.scripts?.test;
  })
  .filter(dir => !onlyPackage || dir === onlyPackage.replace(/\/$/, ''));

/** Runs Jest in `dir` with `extra` arguments; resolves with its JSON report (or undefined). */
function jest(dir, extra, tag) {
  const outputFile = join(scratch, `${tag}.json`);
  return new Promise(resolve => {
    const child = spawn(
      'backstage-cli',
      ['package', 'test', '--json', `--outputFile=${outputFile}`, ...extra],
      { cwd: join(root, dir), env: { ...process.env, CI: 'true' } },
    );
    let log = '';
    child.stdout.on('data', d => (log += d));
    child.stderr.on('data', d => (log += d));
    child.on('close', code => {
      let report;
      try {
        report = JSON.parse(readFileSync(outputFile, 'utf8'));
      } catch {
        report = undefined;
      }
      resolve({ code, report, log });
    });
  });
}

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const tests = [];
for (const dir of packages) {
  const extra = onlyFile ? [onlyFile] : [];
  const { report } = await jest(dir, extra, `suite-${tests.length}`);
  if (!report) {
    console.error(`${dir}: the suite did not produce a report`);
    process.exitCode = 1;
    continue;
  }
  for (const file of report.testResults) {
    for (const result of file.assertionResults) {
      if (result.status !== 'passed') continue;
      tests.push({
        dir,
        file: relative(join(root, dir), file.name),
        name: result.fullName,
      });
    }
  }
  console.log(`${dir}: ${tests.length} tests so far`);
}

const failures = [];
let done = 0;
async function worker() {
  while (tests.length > 0) {
    const test = tests.shift();
    const { report, log } = await jest(
      test.dir,
      [test.file, '--testNamePattern', `^${escapeRegExp(test.name)}$`],
      `test-${done}-${Math.random().toString(36).slice(2)}`,
    );
    done++;
    const ran = report?.numPassedTests ?? 0;
    if (!report || report.numFailedTests > 0 || ran === 0) {
      failures.push({ ...test, log: log.slice(-3000) });
      console.log(`FAIL alone: ${test.dir}/${test.file} › ${test.name}`);
    } else if (done % 25 === 0) {
      console.log(`${done} tests run alone, ${failures.length} failed`);
    }
  }
}
await Promise.all(Array.from({ length: jobs }, worker));

console.log(`\n${done} tests run alone; ${failures.length} failed alone`);
for (const failure of failures) {
  console.log(`\n--- ${failure.dir}/${failure.file} › ${failure.name}\n${failure.log}`);
}
if (failures.length > 0) process.exitCode = 1;
