// @ts-check

/**
 * The catalog read decision last made for each user under their own credentials, so that a
 * notification about an entity goes only to those of its recipients who may read it. Replicas share
 * it, and it outlives restarts. Times are ISO 8601 strings in UTC.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('read_decisions', table => {
    table.comment(
      'The catalog read decision last made for each user, under their own credentials',
    );
    table
      .string('user_ref', 255)
      .primary()
      .comment('Lower-case user entity ref');
    table
      .text('decision')
      .notNullable()
      .comment(
        'The policy decision as JSON: ALLOW, DENY, or CONDITIONAL with its conditions',
      );
    table.string('decided_at', 30).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('read_decisions');
};
