import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApprovalPolicy,
  ApproverStage,
  dryRunRequest,
  EntityPolicies,
  EntitySelection,
  explainPolicyChoice,
  explainProfileChoice,
  lockstepApprovalCreatePermission,
  OWNER_APPROVER,
  PoliciesOverview,
  policyEnvironments,
  ReadinessProfile,
  refKey,
  requestRefusal,
  selectApprovalPolicy,
  selectProfile,
  snapshotPolicy,
  permissionRefusal,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { CatalogDirectory } from '../access/CatalogDirectory';
import type {
  CatalogReadAccess,
  CatalogReadScope,
} from '../access/catalogAccess';
import { principalRef } from '../approvals/ApprovalReadAccess';
import { assertReadable } from '../readiness/readable';

/** What profile and policy filters look at, and what a selection shows. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'relations',
];
/** How many entities of a selection are named; the rest are counted. */
const SELECTION_SAMPLE = 25;
/** An environment no policy names: a policy without environments is the one that takes it. */
const UNNAMED_ENVIRONMENT = '\u0000';

const ownerOf = (entity: Entity) =>
  entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;

/**
 * The admin-owned rules in sight: every readiness profile and approval policy with what it applies
 * to and who approves, and for one entity which of them apply and why, with a dry run of a request.
 * Everything is read as the caller may read the catalog: entities and people they may not read are
 * neither named nor counted.
 */
export class PolicyService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      access: CatalogReadAccess;
      directory: CatalogDirectory;
      profiles: ReadinessProfile[];
      policies: ApprovalPolicy[];
    },
  ) {}

  async overview(credentials: BackstageCredentials): Promise<PoliciesOverview> {
    const { profiles, policies } = this.deps;
    const [scope, selections] = await Promise.all([
      this.deps.access.scope(credentials),
      this.selections(credentials),
    ]);
    const people = await this.people(
      [
        ...profiles.flatMap(p => p.gates.map(g => g.team)),
        ...policies.flatMap(p =>
          p.stages.flatMap(s => s.rules.map(r => r.group)),
        ),
      ],
      scope,
    );
    const empty: EntitySelection = { count: 0, entities: [] };
    return {
      profiles: profiles.map(profile => ({
        id: profile.id,
        title: profile.title,
        extends: profile.extends,
        filter: profile.filter,
        gates: profile.gates.map(gate => ({
          id: gate.id,
          title: gate.title,
          team: gate.team,
          ...people.titled(gate.team),
          type: gate.type,
          required: gate.required,
          ...(gate.check && { check: gate.check }),
          ...(gate.validForMs && { validForMs: gate.validForMs }),
        })),
        selected: selections.get(`profile:${profile.id}`) ?? empty,
      })),
      policies: policies.map(policy => ({
        id: policy.id,
        title: policy.title,
        filter: policy.filter,
        environments: policy.environments ?? [],
        stages: people.stages(policy.stages, group => people.members(group)),
        requesterCannotApprove: policy.requesterCannotApprove,
        rejectReasonRequired: policy.rejectReasonRequired,
        requireReadiness: policy.requireReadiness,
        ...(policy.expiresAfterMs && { expiresAfterMs: policy.expiresAfterMs }),
        selected: selections.get(`policy:${policy.id}`) ?? empty,
      })),
      environments: policyEnvironments(policies),
    };
  }

  async forEntity(
    entityRef: string,
    environment: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<EntityPolicies> {
    const scope = await this.deps.access.scope(credentials);
    await assertReadable(entityRef, scope);
    const entity = await this.deps.directory.entity(entityRef);
    if (!entity)
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    const ref = stringifyEntityRef(entity);
    const environments = policyEnvironments(this.deps.policies);
    if (
      environment &&
      !environments.some(e => refKey(e) === refKey(environment))
    ) {
      environments.push(environment);
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: lockstepApprovalCreatePermission }],
      { credentials },
    );
    const mayCreate = decision.result === AuthorizeResult.ALLOW;
    const { profile, candidates } = explainProfileChoice(
      entity,
      this.deps.profiles,
    );
    const choices = environments.map(env => {
      const choice = explainPolicyChoice(entity, env, this.deps.policies);
      const snapshot =
        choice.policy && snapshotPolicy(choice.policy, entity, ownerOf(entity));
      return { environment: env, ...choice, snapshot };
    });
    // the people of every environment's stages, read once for all of them
    const people = await this.people(
      choices.flatMap(
        c => c.snapshot?.stages.flatMap(s => s.rules.map(r => r.group)) ?? [],
      ),
      scope,
    );
    const requester = principalRef(credentials);
    return {
      entityRef: ref,
      ...(entity.metadata.title && { title: entity.metadata.title }),
      ...(profile && { profile }),
      profileCandidates: candidates,
      environments: choices.map(
        ({ environment: env, policy, snapshot, candidates: why }) => {
          if (!policy || !snapshot) {
            return {
              environment: env,
              candidates: why,
              stages: [],
              additions: [],
              ignored: [],
              requestable: false,
              refusal: requestRefusal(ref, env, undefined, []),
            };
          }
          const { problems, stages, ...run } = dryRunRequest(
            snapshot,
            people.allMembers,
            requester,
          );
          const refusal = mayCreate
            ? requestRefusal(ref, env, policy, problems)
            : permissionRefusal('create approval requests');
          return {
            environment: env,
            policy: { id: policy.id, title: policy.title },
            candidates: why,
            stages: people.stages(stages, (_group, rule) =>
              people.readable(rule.members ?? []),
            ),
            ...run,
            requestable: !refusal,
            ...(refusal && { refusal }),
          };
        },
      ),
    };
  }

  /**
   * The groups' members and titles, as the caller may read them: a member or a group title the
   * caller may not read is left out.
   */
  private async people(groups: string[], scope: CatalogReadScope) {
    const named = [...new Set(groups.map(refKey))].filter(
      g => g !== OWNER_APPROVER,
    );
    const members = await this.deps.directory.membersOf(named);
    const readable = await scope.readable([
      ...named,
      ...[...members.values()].flat(),
    ]);
    const titles = new Map<string, string>();
    await Promise.all(
      named
        .filter(g => readable.has(g))
        .map(async group => {
          const entity = await this.deps.directory.entity(group);
          const title =
            entity?.metadata.title ??
            (entity?.spec?.profile as { displayName?: string } | undefined)
              ?.displayName;
          if (title) titles.set(group, title);
        }),
    );
    const titled = (group: string) => {
      const title = titles.get(refKey(group));
      return title ? { teamTitle: title } : {};
    };
    return {
      titled,
      /** Everyone in the group, readable or not: the quorum counts them all. */
      allMembers: (group: string) => members.get(refKey(group)) ?? [],
      members: (group: string) =>
        (members.get(refKey(group)) ?? []).filter(m => readable.has(m)),
      readable: (refs: string[]) => refs.filter(m => readable.has(refKey(m))),
      stages: (
        stages: ReadonlyArray<{
          name: string;
          rules: ReadonlyArray<{
            group: string;
            minApprovals: number;
            members?: string[];
          }>;
        }>,
        membersOf: (group: string, rule: { members?: string[] }) => string[],
      ): ApproverStage[] =>
        stages.map(stage => ({
          name: stage.name,
          rules: stage.rules.map(rule => {
            const title = titles.get(refKey(rule.group));
            return {
              group: rule.group,
              ...(title && { groupTitle: title }),
              minApprovals: rule.minApprovals,
              members: membersOf(rule.group, rule),
            };
          }),
        })),
    };
  }

  /**
   * Which entities each profile and policy applies to now, keyed `profile:<id>` and `policy:<id>`,
   * streamed from the catalog as the caller may read it.
   */
  private async selections(
    credentials: BackstageCredentials,
  ): Promise<Map<string, EntitySelection>> {
    const { profiles, policies } = this.deps;
    const selections = new Map<string, EntitySelection>();
    const add = (key: string, entity: Entity) => {
      let selection = selections.get(key);
      if (!selection)
        selections.set(key, (selection = { count: 0, entities: [] }));
      selection.count++;
      if (selection.entities.length < SELECTION_SAMPLE) {
        selection.entities.push({
          entityRef: stringifyEntityRef(entity),
          ...(entity.metadata.title && { title: entity.metadata.title }),
        });
      }
    };
    for await (const page of this.deps.catalog.streamEntities(
      { fields: FIELDS, pageSize: 1000 },
      { credentials },
    )) {
      for (const entity of page) {
        const profile = selectProfile(entity, profiles);
        if (profile) add(`profile:${profile.profile.id}`, entity);
        for (const policy of policies) {
          const environments = policy.environments?.length
            ? policy.environments
            : [UNNAMED_ENVIRONMENT];
          if (
            environments.some(
              env => selectApprovalPolicy(entity, env, policies) === policy,
            )
          ) {
            add(`policy:${policy.id}`, entity);
          }
        }
      }
    }
    return selections;
  }
}
