// @ts-check
const { createHash } = require('node:crypto');

/**
 * Exactly one open (pending) request per entity and environment, enforced by a partial unique index
 * rather than by the service reading before it writes. Environments compare case-insensitively, as
 * policies select them, through `environment_key`.
 *
 * Earlier versions could leave several pending requests for one entity and environment (concurrent
 * creates on PostgreSQL). Before the index is built, all but the newest of each such group are
 * superseded by it, each with an entry appended to its audit chain. The chain rule is spelt out here
 * rather than imported, so that this migration keeps producing what it produced on the day it shipped.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('approval_requests', table => {
    table
      .string('environment_key', 100)
      .nullable()
      .comment('Lower-case environment, for the one-open-request rule');
  });
  const rows = await knex('approval_requests').select(
    'id',
    'environment',
    'entity_key',
    'state',
    'created_at',
    'version',
  );
  for (const row of rows) {
    await knex('approval_requests')
      .where({ id: row.id })
      .update({ environment_key: lowerCase(row.environment) });
  }

  /** @type {Map<string, Array<{ id: string, created_at: string, version: string }>>} */
  const groups = new Map();
  for (const row of rows.filter(r => r.state === 'pending')) {
    const group = `${row.entity_key} ${lowerCase(row.environment)}`;
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  const at = new Date().toISOString();
  for (const pending of groups.values()) {
    if (pending.length < 2) continue;
    pending.sort(
      (a, b) =>
        b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
    );
    const [newest, ...older] = pending;
    for (const old of older) {
      await knex.transaction(async tx => {
        const last = await tx('approval_audit')
          .where({ request_id: old.id })
          .orderBy('seq', 'desc')
          .first();
        const entry = {
          seq: last ? Number(last.seq) + 1 : 1,
          requestId: old.id,
          at,
          actor: null,
          action: 'superseded',
          data: {
            by: newest.id,
            version: newest.version,
            reason: 'one open request per entity and environment',
          },
          prevHash: last ? last.hash : '0'.repeat(64),
        };
        const hash = sha256(entry.prevHash + canonicalJson(entry));
        await tx('approval_audit').insert({
          request_id: entry.requestId,
          seq: entry.seq,
          at,
          actor: null,
          action: entry.action,
          data: JSON.stringify(entry.data),
          prev_hash: entry.prevHash,
          hash,
        });
        await tx('approval_requests').where({ id: old.id }).update({
          state: 'superseded',
          updated_at: at,
          decided_at: at,
          audit_count: entry.seq,
          audit_head: hash,
        });
      });
    }
  }

  await knex.raw(
    `CREATE UNIQUE INDEX approval_requests_one_open_idx ON approval_requests (entity_key, environment_key) WHERE state = 'pending'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX approval_requests_one_open_idx');
  await knex.schema.alterTable('approval_requests', table => {
    table.dropColumn('environment_key');
  });
};

/** @param {string} value */
function lowerCase(value) {
  return value.toLocaleLowerCase('en-US');
}

/** @param {string} text */
function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every depth. @param {unknown} value @returns {string} */
function canonicalJson(value) {
  /** @param {unknown} v @returns {unknown} */
  const sort = v => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const key of Object.keys(v).sort())
      out[key] = sort(/** @type {Record<string, unknown>} */ (v)[key]);
    return out;
  };
  return JSON.stringify(sort(value));
}
