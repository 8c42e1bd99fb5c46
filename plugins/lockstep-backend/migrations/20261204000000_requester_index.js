// @ts-check

/**
 * "My requests" lists a person's requests across every entity, newest first: an index on the
 * requester, then the time, so that its pages are read in order instead of sorting every request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('approval_requests', table => {
    table.index(['requester', 'created_at'], 'approval_requests_requester_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('approval_requests', table => {
    table.dropIndex(
      ['requester', 'created_at'],
      'approval_requests_requester_idx',
    );
  });
};
