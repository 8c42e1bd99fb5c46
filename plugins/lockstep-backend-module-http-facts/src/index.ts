/**
 * A Lockstep backend module: readiness checks that read facts from HTTP JSON endpoints.
 *
 * @packageDocumentation
 */
export { lockstepModuleHttpFacts as default } from './module';
export { httpFactCheck } from './httpFactCheck';
