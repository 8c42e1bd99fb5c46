import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  lockstepReadinessSignOffPermission,
  ReadinessGateDefinition,
  SignOffRequest,
  signOffCommentProblem,
  signOffExpiry,
  permissionRefusal,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { CatalogReadAccess } from '../access/catalogAccess';
import { assertReadable } from './readable';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { ReadinessReplica } from './ReadinessReplica';
import { ReadinessStore } from './ReadinessStore';

/**
 * Records and withdraws sign-offs of gates, once everything that must hold for the caller does, then
 * brings the replica up to date and announces the change.
 */
export class ReadinessSignOffs {
  constructor(
    private readonly deps: {
      access: CatalogReadAccess;
      permissions: PermissionsService;
      directory: CatalogDirectory;
      store: ReadinessStore;
      replica: ReadinessReplica;
      evaluator: ReadinessEvaluator;
    },
  ) {}

  async signOff(
    entityRef: string,
    request: SignOffRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<void> {
    const { gate, entity } = await this.signOffGate(
      entityRef,
      request.gateId,
      credentials,
    );
    const commentProblem = signOffCommentProblem('signoff', request.comment);
    if (commentProblem) throw new InputError(`comment: ${commentProblem}`);
    const now = new Date();
    const { expiresAt, problem } = signOffExpiry(gate, request.expiresAt, now);
    if (problem) throw new InputError(`expiresAt ${problem}`);
    await this.deps.store.signOff(stringifyEntityRef(entity), gate.id, {
      signedBy: credentials.principal.userEntityRef,
      signedAt: now.toISOString(),
      expiresAt,
      version: request.version?.trim() || undefined,
      comment: request.comment?.trim() || undefined,
    });
    await this.deps.replica.reload([entityRef]);
    this.deps.replica.announceChange();
  }

  async revoke(
    entityRef: string,
    gateId: string,
    comment: string | undefined,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<void> {
    const commentProblem = signOffCommentProblem('revoke', comment);
    if (commentProblem) throw new InputError(`comment: ${commentProblem}`);
    const { gate, entity } = await this.signOffGate(
      entityRef,
      gateId,
      credentials,
    );
    const revoked = await this.deps.store.revoke(
      stringifyEntityRef(entity),
      gate.id,
      credentials.principal.userEntityRef,
      comment?.trim() ?? '',
      new Date().toISOString(),
    );
    if (!revoked) {
      throw new ConflictError(
        `${gate.title} of ${entityRef} is not signed off; there is nothing to revoke`,
      );
    }
    await this.deps.replica.reload([entityRef]);
    this.deps.replica.announceChange();
  }

  /**
   * Everything that must hold before a sign-off or revocation, checked before anything is written:
   * the caller may read the entity, the gate exists and is a sign-off, the permission policy allows it,
   * and the caller is a member of the gate's team in the catalog.
   */
  private async signOffGate(
    entityRef: string,
    gateId: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ gate: ReadinessGateDefinition; entity: Entity }> {
    const { replica } = this.deps;
    await assertReadable(entityRef, await this.deps.access.scope(credentials));
    const entity = await this.deps.directory.entity(entityRef);
    if (!entity)
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    await replica.sync();
    if (replica.needsEvaluation(entityRef)) {
      await this.deps.evaluator.evaluateOne(entityRef, entity);
    }
    const profile = replica.profileOf(entityRef);
    if (!profile) {
      throw new NotFoundError(
        `No readiness profile applies to ${entityRef}, so it has no gate '${gateId}'`,
      );
    }
    const gate = profile.gates.find(g => g.id === gateId);
    if (!gate) {
      throw new NotFoundError(
        `No gate '${gateId}' in profile '${
          profile.id
        }' of ${entityRef}; its gates are ${profile.gates
          .map(g => g.id)
          .join(', ')}`,
      );
    }
    if (gate.type !== 'signoff') {
      throw new InputError(
        `${gate.title} is a check, evaluated automatically; use refresh to run it again`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: lockstepReadinessSignOffPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(permissionRefusal('sign off readiness gates'));
    }
    const team =
      gate.team === 'owner'
        ? entity.relations?.find(r => r.type === 'ownedBy')?.targetRef
        : gate.team;
    const user = credentials.principal.userEntityRef;
    if (!team || !(await this.deps.directory.isMember(user, team))) {
      throw new NotAllowedError(
        `Only members of ${team ?? 'the owning team'} may sign off or revoke ${
          gate.title
        }; ${user} is not one`,
      );
    }
    return { gate, entity };
  }
}
