// @ts-check

/**
 * Approvals: requests with their frozen policy, one decision per person per request, and an
 * append-only audit trail whose rows are hash-chained per request. Times are ISO 8601 strings in UTC.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('approval_requests', table => {
    table.comment('Release and change requests on catalog entities');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Entity ref as the catalog spells it');
    table
      .string('entity_key', 255)
      .notNullable()
      .comment('Lower-case entity ref, for lookups');
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('environment', 100).notNullable();
    table.string('version', 200).notNullable();
    table.string('requester', 255).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment(
        'pending | approved | rejected | cancelled | expired | superseded',
      );
    table.integer('current_stage').notNullable().defaultTo(0);
    table
      .text('policy')
      .notNullable()
      .comment('JSON: the effective policy, frozen at creation');
    table
      .text('readiness')
      .nullable()
      .comment('JSON: the entity readiness at creation');
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.string('decided_at', 30).nullable();
    table.string('expires_at', 30).nullable();
    table
      .string('reminded_at', 30)
      .nullable()
      .comment('When the expiry reminder went out');
    table
      .integer('audit_count')
      .notNullable()
      .defaultTo(0)
      .comment('Rows in the audit chain');
    table
      .string('audit_head', 64)
      .nullable()
      .comment('Hash of the last audit row');
    table.index(
      ['entity_key', 'environment', 'state'],
      'approval_requests_entity_idx',
    );
    table.index(['state', 'expires_at'], 'approval_requests_state_idx');
  });

  await knex.schema.createTable('approval_decisions', table => {
    table.comment('One decision per person per request');
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('approval_requests')
      .onDelete('CASCADE');
    table.string('actor', 255).notNullable();
    table.string('decision', 8).notNullable().comment('approve | reject');
    table.text('comment').nullable();
    table.integer('stage').notNullable();
    table
      .text('groups')
      .notNullable()
      .comment("JSON: the actor's groups when deciding");
    table.string('at', 30).notNullable();
    table.unique(['request_id', 'actor'], {
      indexName: 'approval_decisions_once_idx',
    });
  });

  await knex.schema.createTable('approval_audit', table => {
    table.comment('Append-only, hash-chained per request');
    table.string('request_id', 36).notNullable();
    table.integer('seq').notNullable();
    table.string('at', 30).notNullable();
    table.string('actor', 255).nullable();
    table.string('action', 32).notNullable();
    table.text('data').notNullable().comment('JSON');
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    table.primary(['request_id', 'seq']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('approval_audit');
  await knex.schema.dropTable('approval_decisions');
  await knex.schema.dropTable('approval_requests');
};
