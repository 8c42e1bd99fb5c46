export { LockstepClient } from './LockstepClient';
export type { LockstepApi, LockstepClientOptions } from './LockstepClient';
