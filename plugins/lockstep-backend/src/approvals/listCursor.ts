import { InputError } from '@backstage/errors';
import { isTerminal } from '@lockstep/backstage-plugin-lockstep-common';
import { ListPosition, StoredRequest } from './ApprovalStore';

/** Where a page ended, as the opaque `nextCursor` of `GET /approvals`. */
export const encodeCursor = (position: ListPosition) =>
  Buffer.from(
    JSON.stringify([position.rank, position.createdAt, position.id]),
  ).toString('base64url');

/** The position a cursor stands for; a 400 for anything this API did not give out. */
export function decodeCursor(cursor: string): ListPosition {
  try {
    const [rank, createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      (rank === 0 || rank === 1) &&
      typeof createdAt === 'string' &&
      typeof id === 'string'
    ) {
      return { rank, createdAt, id };
    }
  } catch {
    // reported below
  }
  throw new InputError(
    'cursor: not a cursor this API gave out; pass the nextCursor of the previous page',
  );
}

/** Where a request stands in the order of `list`. */
export const positionOf = (request: StoredRequest): ListPosition => ({
  rank: isTerminal(request.state) ? 1 : 0,
  createdAt: request.createdAt,
  id: request.id,
});
