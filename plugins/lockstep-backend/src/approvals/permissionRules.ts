import { refKey } from '@lockstep/backstage-plugin-lockstep-common';
import {
  ApprovalRequest,
  LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
} from '@lockstep/backstage-plugin-lockstep-common';
import {
  createConditionExports,
  createPermissionResourceRef,
  makeCreatePermissionRule,
} from '@backstage/plugin-permission-node';
import type {
  StandardJSONSchemaV1,
  StandardSchemaV1,
} from '@standard-schema/spec';
import { z } from 'zod';

/** The query side of the rules: requests are filtered in memory, so it only names the rule. */
export type ApprovalRequestFilter = { rule: string; claims: string[] };

export const approvalRequestResourceRef = createPermissionResourceRef<
  ApprovalRequest,
  ApprovalRequestFilter
>().with({
  pluginId: 'lockstep',
  resourceType: LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
});

// zod 3 schemas go through the helper for typed rules; rules are applied in memory (see toQuery)
const createRule = makeCreatePermissionRule<
  ApprovalRequest,
  ApprovalRequestFilter,
  typeof LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE
>();

type Claims = { claims: string[] };

const CLAIMS_DESCRIPTION =
  'Entity refs to match, usually the ownership refs of the user (their user ref and groups)';

const claimsSchema = z.object({
  claims: z.array(z.string()).describe(CLAIMS_DESCRIPTION),
});

/** The same shape as JSON Schema, for the permission framework's rule metadata. */
const claimsJsonSchema = () => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description: CLAIMS_DESCRIPTION,
    },
  },
  required: ['claims'],
  additionalProperties: false,
});

/**
 * The claims schema as the permission framework types rule parameters: a Standard Schema that
 * converts to JSON Schema. zod 3 validates it (the framework's own zod types are another major's).
 */
const claimsParams: StandardSchemaV1<Claims> & StandardJSONSchemaV1<Claims> = {
  '~standard': {
    ...claimsSchema['~standard'],
    jsonSchema: { input: claimsJsonSchema, output: claimsJsonSchema },
  },
};

/** The groups whose members decide the open stage of a request. */
export function openStageGroups(request: ApprovalRequest): string[] {
  const stage = request.policy.stages[request.currentStage];
  return stage ? stage.rules.map(rule => refKey(rule.group)) : [];
}

const isRequester = createRule<Claims>({
  name: 'IS_REQUESTER',
  description: 'Allow only the person who made the request',
  resourceType: LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
  paramsSchema: claimsParams,
  apply: (request: ApprovalRequest, { claims }: { claims: string[] }) =>
    claims.map(refKey).includes(refKey(request.requester)),
  toQuery: ({ claims }: { claims: string[] }) => ({
    rule: 'IS_REQUESTER',
    claims,
  }),
});

const isEligibleApprover = createRule<Claims>({
  name: 'IS_ELIGIBLE_APPROVER',
  description:
    'Allow only members of an approver group of the stage that is open now',
  resourceType: LOCKSTEP_APPROVAL_REQUEST_RESOURCE_TYPE,
  paramsSchema: claimsParams,
  apply: (request: ApprovalRequest, { claims }: { claims: string[] }) => {
    const groups = openStageGroups(request);
    return claims.map(refKey).some(claim => groups.includes(claim));
  },
  toQuery: ({ claims }: { claims: string[] }) => ({
    rule: 'IS_ELIGIBLE_APPROVER',
    claims,
  }),
});

/** The rules an adopter's permission policy can use on approval requests. */
export const approvalPermissionRules = { isRequester, isEligibleApprover };

/**
 * Conditions for permission policies, e.g.
 * `createApprovalRequestConditionalDecision(permission, approvalRequestConditions.isEligibleApprover({ claims: user.identity.ownershipEntityRefs }))`.
 */
export const {
  conditions: approvalRequestConditions,
  createConditionalDecision: createApprovalRequestConditionalDecision,
} = createConditionExports({
  resourceRef: approvalRequestResourceRef,
  rules: approvalPermissionRules,
});
