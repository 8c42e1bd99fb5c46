// @ts-check

/**
 * Readiness: the current state of each gate of each entity, when each entity's checks last ran, and
 * the append-only history of every change. Times are ISO 8601 strings in UTC, which sort as text and
 * read back identically on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_gates', table => {
    table.comment('Current state of each readiness gate of each entity');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref');
    table.string('gate_id', 100).notNullable();
    table.string('type', 16).notNullable().comment('check | signoff');
    table
      .string('status', 16)
      .notNullable()
      .comment('passed | failed | error | pending | expired');
    table.text('detail').notNullable();
    table
      .string('since', 30)
      .notNullable()
      .comment('When the gate entered this status');
    table.string('signed_by', 255).nullable();
    table.string('signed_at', 30).nullable();
    table.string('expires_at', 30).nullable();
    table.string('version', 100).nullable();
    table.text('comment').nullable();
    table.primary(['entity_ref', 'gate_id']);
  });

  await knex.schema.createTable('readiness_evaluations', table => {
    table.comment(
      'When the checks of each entity last ran, and under which profile',
    );
    table.string('entity_ref', 255).primary().comment('Lower-case entity ref');
    table
      .string('profile_id', 100)
      .nullable()
      .comment('Null when no profile applies');
    table.string('selected_by', 16).nullable().comment('filter | annotation');
    table
      .text('profile_note')
      .nullable()
      .comment('Why an annotation was not followed');
    table.string('evaluated_at', 30).notNullable();
  });

  await knex.schema.createTable('readiness_events', table => {
    table.comment('Append-only history of every readiness gate change');
    table.bigIncrements('id').primary();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref');
    table.string('gate_id', 100).notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment('evaluated | signed-off | revoked | expired');
    table
      .string('status', 16)
      .notNullable()
      .comment("The gate's status after the event");
    table.string('actor', 255).nullable();
    table.text('comment').nullable();
    table.string('version', 100).nullable();
    table.text('detail').nullable();
    table.string('at', 30).notNullable();
    table.index(['entity_ref', 'id'], 'readiness_events_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_events');
  await knex.schema.dropTable('readiness_evaluations');
  await knex.schema.dropTable('readiness_gates');
};
