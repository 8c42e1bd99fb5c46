import type { ApiSchema } from '../schema';

/** A profile or policy considered for an entity, and what came of it. @public */
export type SelectionCandidate = ApiSchema<'SelectionCandidate'>;
/** The entities a profile or policy applies to now. @public */
export type EntitySelection = ApiSchema<'EntitySelection'>;
/** A readiness profile as the policies page shows it. @public */
export type ProfileOverview = ApiSchema<'ProfileOverview'>;
/** An approval policy as the policies page shows it. @public */
export type PolicyOverview = ApiSchema<'PolicyOverview'>;
/** A stage of approvers, with the people in each group. @public */
export type ApproverStage = ApiSchema<'ApproverStage'>;
/** Every readiness profile and approval policy. @public */
export type PoliciesOverview = ApiSchema<'PoliciesOverview'>;
/** A dry run of a request to release an entity to one environment. @public */
export type EnvironmentPolicy = ApiSchema<'EnvironmentPolicy'>;
/** Which profile and policies apply to an entity, and why. @public */
export type EntityPolicies = ApiSchema<'EntityPolicies'>;
