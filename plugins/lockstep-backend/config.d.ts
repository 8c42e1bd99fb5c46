import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Lockstep plugin suite. */
  lockstep?: {
    graph?: {
      /**
       * How often each backend replica re-reads the catalog topology into memory. Graph answers are
       * at most this old (plus the read itself); each answer's `indexedAt` says how old it is.
       * Default: every 30 seconds.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** The largest `maxNodes` a graph request may ask for. Default 5000. */
      maxNodesLimit?: number;
    };
    /**
     * Cross-team readiness: profiles of gates that teams own. Validated at start; a mistake stops
     * the backend with the offending key.
     */
    readiness?: {
      /** How often every entity's checks run (once across replicas). Default: every 2 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** A required sign-off this close to expiry makes its entity at-risk. Default 7 days. */
      expiryWarning?: string | { [unit: string]: number };
      /** Tried in order; the first whose filter matches an entity applies to it. */
      profiles?: Array<{
        id: string;
        title: string;
        /** Another profile whose gates this one includes (so it is stricter). */
        extends?: string;
        filter: {
          kind?: string[];
          type?: string[];
          lifecycle?: string[];
          tags?: string[];
          system?: string[];
        };
        gates?: Array<{
          id: string;
          title: string;
          /** A Group ref, or `owner` for the entity's owner. */
          team: string;
          type: 'check' | 'signoff';
          /** Default true. */
          required?: boolean;
          /** For checks: a check type, see GET /api/lockstep/readiness/check-types. */
          check?: string;
          params?: { [key: string]: unknown };
          /** For sign-offs: how long a sign-off stays valid, e.g. P90D or { days: 90 }. */
          validFor?: string | { [unit: string]: number };
        }>;
      }>;
    };
    /** Approvals: policies that say who must agree before an entity is released where. */
    approvals?: {
      /** Approvers get a reminder this long before a request expires. Default 24 hours. */
      reminderBefore?: string | { [unit: string]: number };
      /**
       * Group refs whose members may replace anyone's open request with a new one (which ends it and
       * discards its approvals). Its requester and the entity's owners always may; nobody else.
       * Default: none.
       */
      supersedeGroups?: string[];
      /** Tried in order; the first whose filter and environments match applies. */
      policies?: Array<{
        id: string;
        title: string;
        filter?: {
          kind?: string[];
          type?: string[];
          lifecycle?: string[];
          tags?: string[];
          system?: string[];
        };
        /** Environments the policy covers; any when absent. */
        environments?: string[];
        /** Run in order; every rule of a stage must pass before the next opens. */
        stages: Array<{
          name: string;
          rules: Array<{
            /** A Group ref, or `owner` for the entity's owner. */
            group: string;
            minApprovals: number;
          }>;
        }>;
        /** Default true. */
        requesterCannotApprove?: boolean;
        /** Default true. */
        rejectReasonRequired?: boolean;
        /** ISO 8601 duration or { days: 3 }; pending requests expire after it. */
        expiresAfter?: string | { [unit: string]: number };
        /** Only a ready (or at-risk) entity can be approved. Default false. */
        requireReadiness?: boolean;
      }>;
    };
  };
}
