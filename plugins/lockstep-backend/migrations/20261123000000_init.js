// @ts-check

/**
 * The first migration: it creates nothing yet. It fixes the migration table and the folder layout,
 * so that every later schema change is a dated file here, tested up and down on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} _knex
 */
exports.up = async function up(_knex) {};

/** @param {import('knex').Knex} _knex */
exports.down = async function down(_knex) {};
