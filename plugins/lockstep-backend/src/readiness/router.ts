import {
  READINESS_STATUSES,
  ReadinessBoardQuery,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { LockstepApiRouter } from '../schema';
import {
  Callers,
  entityRefOf,
  listOf,
  numberOf,
  oneOf,
  text,
} from '../http/requestParts';
import { ReadinessCheckRegistry } from './ReadinessCheckRegistry';
import { ReadinessService } from './ReadinessService';

function boardQueryOf(query: Record<string, unknown>): ReadinessBoardQuery {
  return {
    owner: text(query.owner),
    system: text(query.system),
    team: text(query.team),
    limit: numberOf(query.limit),
    offset: numberOf(query.offset),
    status: oneOf('status', listOf(query.status), READINESS_STATUSES),
  };
}

/**
 * `/readiness…`: the board, an entity's readiness, its history, refresh, and sign-offs. Reads take
 * any caller; sign-offs and revocations are attestations by people, so they take only users.
 */
export function readinessRoutes(
  api: LockstepApiRouter,
  deps: {
    callers: Callers;
    readiness: ReadinessService;
    readinessChecks: ReadinessCheckRegistry;
  },
) {
  const { callers, readiness, readinessChecks } = deps;

  api.get('/readiness/check-types', async (req, res) => {
    await callers.anyone(req);
    res.json({
      items: readinessChecks
        .list()
        .map(({ type, description }) => ({ type, description })),
    });
  });

  api.get('/readiness', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json(await readiness.board(boardQueryOf(req.query), credentials));
  });

  api.post('/readiness/statuses', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json({
      statuses: await readiness.statuses(req.body.entityRefs, credentials),
    });
  });

  api.get('/readiness/:kind/:namespace/:name', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json(
      await readiness.getReadiness(entityRefOf(req.params), credentials),
    );
  });

  api.post('/readiness/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json(await readiness.refresh(entityRefOf(req.params), credentials));
  });

  api.get('/readiness/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json(await readiness.history(entityRefOf(req.params), credentials));
  });

  api.post('/readiness/:kind/:namespace/:name/signoffs', async (req, res) => {
    const credentials = await callers.person(req);
    res.json(
      await readiness.signOff(entityRefOf(req.params), req.body, credentials),
    );
  });

  api.delete(
    '/readiness/:kind/:namespace/:name/signoffs/:gateId',
    async (req, res) => {
      const credentials = await callers.person(req);
      res.json(
        await readiness.revoke(
          entityRefOf(req.params),
          req.params.gateId,
          req.body.comment,
          credentials,
        ),
      );
    },
  );
}
