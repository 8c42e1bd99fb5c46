import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const migrationsDir = path.resolve(__dirname, '../../../migrations');

/**
 * Tables that remember what the permission framework decided for a caller, not what a caller sent:
 * any authenticated request may refresh them.
 */
const DECISION_MEMOS = ['read_decisions'];

/**
 * Lockstep's tables: every table a migration creates, less those a migration drops, in the order
 * they are created. (The scheduler's and knex's own tables share the database and change on their
 * own; they are not Lockstep's.)
 */
export function lockstepTables(): string[] {
  const tables: string[] = [];
  for (const file of fs
    .readdirSync(migrationsDir)
    .filter(f => f.endsWith('.js'))
    .sort()) {
    const source = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
    // only what `up` does: the text before `exports.down`
    const up = source.split(/exports\.down\b/)[0];
    for (const [, name] of up.matchAll(/createTable\(\s*['"`]([\w.]+)['"`]/g)) {
      if (!tables.includes(name)) tables.push(name);
    }
    for (const [, name] of up.matchAll(
      /dropTable(?:IfExists)?\(\s*['"`]([\w.]+)['"`]/g,
    )) {
      if (tables.includes(name)) tables.splice(tables.indexOf(name), 1);
    }
  }
  return tables.filter(table => !DECISION_MEMOS.includes(table));
}

export interface TableState {
  rows: number;
  /** SHA-256 of every row, each as JSON with sorted keys, the rows sorted. */
  checksum: string;
  /** The rows as JSON, to say what changed. */
  lines: string[];
}

const canonical = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.keys(row)
        .sort()
        .map(k => {
          const v = row[k];
          if (v instanceof Date) return [k, v.toISOString()];
          return [k, Buffer.isBuffer(v) ? v.toString('hex') : v];
        }),
    ),
  );

/** Row count and content checksum of every Lockstep table. */
export async function snapshot(
  knex: Knex,
): Promise<Record<string, TableState>> {
  const state: Record<string, TableState> = {};
  for (const table of lockstepTables()) {
    const rows: Record<string, unknown>[] = await knex(table).select();
    const lines = rows.map(canonical).sort();
    state[table] = {
      rows: rows.length,
      checksum: createHash('sha256').update(lines.join('\n')).digest('hex'),
      lines,
    };
  }
  return state;
}

const cut = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

/** What differs between two snapshots, table by table; empty when nothing does. */
export function differences(
  before: Record<string, TableState>,
  after: Record<string, TableState>,
): string[] {
  const out: string[] = [];
  for (const table of Object.keys(before)) {
    const a = before[table];
    const b = after[table];
    if (a.rows === b.rows && a.checksum === b.checksum) continue;
    const was = new Set(a.lines);
    const is = new Set(b.lines);
    const added = b.lines.filter(l => !was.has(l));
    const removed = a.lines.filter(l => !is.has(l));
    out.push(
      `${table}: ${a.rows} rows (${a.checksum.slice(0, 12)}) before, ${
        b.rows
      } rows (${b.checksum.slice(0, 12)}) after`,
      ...added.slice(0, 5).map(l => `  + ${cut(l)}`),
      ...removed.slice(0, 5).map(l => `  - ${cut(l)}`),
    );
  }
  return out;
}
