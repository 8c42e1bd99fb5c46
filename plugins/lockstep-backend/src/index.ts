/**
 * Lockstep backend plugin: dependency graph, cross-team readiness and approvals for the Backstage catalog.
 *
 * @packageDocumentation
 */
export { lockstepPlugin as default } from './plugin';
