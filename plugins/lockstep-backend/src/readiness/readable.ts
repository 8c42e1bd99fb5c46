import { NotFoundError } from '@backstage/errors';
import {
  GraphTopology,
  ReadinessBlocker,
  refKey,
} from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadScope } from '../access/catalogAccess';

/** An entity the caller may not read is answered as one that does not exist. */
export async function assertReadable(
  entityRef: string,
  scope: CatalogReadScope,
) {
  if ((await scope.readable([entityRef])).size === 0) {
    throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
  }
}

/** Titles of teams and owners, for those the caller may read; others are named by ref. */
export async function readableTitles(
  topology: GraphTopology,
  scope: CatalogReadScope,
  refs: Iterable<string>,
): Promise<(ref: string) => string | undefined> {
  const readable = await scope.readable([...refs].filter(Boolean));
  return ref => {
    if (!readable.has(refKey(ref))) return undefined;
    const node = topology.indexOf(ref);
    return node === undefined ? undefined : topology.nodes[node].title;
  };
}

/** Blockers with the titles of their owners and teams, where the caller may read them. */
export function withTitles(
  blockers: ReadinessBlocker[],
  titleOf: (ref: string) => string | undefined,
): ReadinessBlocker[] {
  return blockers.map(blocker => {
    const ownerTitle = blocker.owner && titleOf(blocker.owner);
    return {
      ...blocker,
      ...(ownerTitle && { ownerTitle }),
      ...(blocker.gates && {
        gates: blocker.gates.map(gate => {
          const teamTitle = titleOf(gate.team);
          return { ...gate, ...(teamTitle && { teamTitle }) };
        }),
      }),
    };
  });
}

/** The owners and gate teams of blockers, whose titles an answer shows. */
export function blockerTeams(blockers: ReadinessBlocker[]): string[] {
  return blockers.flatMap(b => [
    b.owner ?? '',
    ...(b.gates ?? []).map(g => g.team),
  ]);
}
