import { refKey } from '../catalog/entity';
import { ApprovalRequest } from './types';

/** Who asks to replace an open request, and who may. @public */
export interface SupersedeContext {
  /** The principal creating the new request. */
  actor: string;
  /** The actor's ownership refs: their groups and their own user ref. */
  actorGroups: ReadonlyArray<string>;
  /** The entity's owner now, if it has one. */
  owner?: string;
  /** Groups the platform team lets replace anyone's open request (`lockstep.approvals.supersedeGroups`). */
  adminGroups: ReadonlyArray<string>;
}

/**
 * Whether a new request may replace (supersede) the open one for the same entity and environment. A
 * supersede ends someone's request and discards its approvals, so only those who could have ended it
 * anyway may: its requester (a pipeline replacing its own build), the entity's owners (their service,
 * their release), and members of the groups an admin names. Everyone else is refused, with the open
 * request named so they know whom to ask.
 *
 * @public
 */
export function maySupersede(
  open: Pick<ApprovalRequest, 'id' | 'requester' | 'environment' | 'version'>,
  context: SupersedeContext,
): { allowed: true } | { allowed: false; reason: string } {
  const groups = new Set(context.actorGroups.map(refKey));
  if (refKey(context.actor) === refKey(open.requester))
    return { allowed: true };
  if (context.owner && groups.has(refKey(context.owner)))
    return { allowed: true };
  if (context.adminGroups.some(group => groups.has(refKey(group))))
    return { allowed: true };
  const who = [
    `its requester (${open.requester})`,
    ...(context.owner ? [`members of ${context.owner}`] : []),
    ...context.adminGroups.map(group => `members of ${group}`),
  ];
  return {
    allowed: false,
    reason: `Request ${open.id} (version ${open.version} to ${
      open.environment
    }) is open; a new request would replace it, and only ${who.join(
      ', ',
    )} may do that. Ask them, or wait until it is decided.`,
  };
}
