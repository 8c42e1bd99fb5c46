/**
 * Lockstep's shared types, permissions and pure logic, used by the frontend, the backend and scripts.
 *
 * @packageDocumentation
 */
export * from './catalog';
export * from './client';
export * from './graph';
export * from './readiness';
export * from './permissions';
export * from './approvals';
export * from './policies';
export * from './signals';
export * from './schema';
