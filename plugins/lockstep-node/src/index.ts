/**
 * What Lockstep backend modules build against: extension points and helpers.
 *
 * @packageDocumentation
 */
export * from './readiness';
