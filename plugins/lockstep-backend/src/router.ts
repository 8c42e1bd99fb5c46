import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  APPROVAL_STATES,
  ApprovalState,
  READINESS_STATUSES,
  ReadinessBoardQuery,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import { GraphService } from './graph/GraphService';
import { parseGraphRequest } from './graph/parseGraphRequest';
import { sendJson } from './graph/sendJson';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';
import { ReadinessService } from './readiness/ReadinessService';
import { ApprovalService } from './approvals/ApprovalService';
import { createOpenApiRouter } from './schema';
import { errorResponses, unknownRoute } from './http/errorResponses';
import { quote } from './http/strictInput';

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

const listOf = (value: unknown) =>
  text(value)
    ?.split(',')
    .map(item => item.trim())
    .filter(Boolean);

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The entity ref of a `/{kind}/{namespace}/{name}` path; each part is one name, without `:` or `/`. */
function entityRefOf(req: express.Request): string {
  const { kind, namespace, name } = req.params;
  for (const [part, value] of Object.entries({ kind, namespace, name })) {
    if (!value || /[:/]/.test(value)) {
      throw new InputError(
        `${part}: must be one name without ':' or '/', got ${quote(value)}`,
      );
    }
  }
  return stringifyEntityRef({ kind, namespace, name });
}

function parseBoardQuery(query: Record<string, unknown>): ReadinessBoardQuery {
  const statuses = listOf(query.status);
  for (const status of statuses ?? []) {
    if (!READINESS_STATUSES.includes(status as ReadinessStatus)) {
      throw new InputError(
        `status: unknown status '${status}'; use ${READINESS_STATUSES.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    owner: text(query.owner),
    system: text(query.system),
    team: text(query.team),
    // the OpenAPI router has checked the ranges
    limit: query.limit === undefined ? undefined : Number(query.limit),
    offset: query.offset === undefined ? undefined : Number(query.offset),
    status: statuses as ReadinessStatus[] | undefined,
  };
}

/** The HTTP routes of the plugin, mounted at /api/lockstep; `schema/openapi.yaml` describes them. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  graph: GraphService;
  maxNodesLimit: number;
  readinessChecks: ReadinessCheckRegistry;
  readiness: ReadinessService;
  approvals: ApprovalService;
}): Promise<express.Router> {
  const {
    httpAuth,
    logger,
    graph,
    maxNodesLimit,
    readinessChecks,
    readiness,
    approvals,
  } = options;
  const router = createOpenApiRouter();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/graph', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const request = parseGraphRequest(req.query, maxNodesLimit);
    await sendJson(req, res, await graph.getGraph(request, credentials));
  });

  router.get('/readiness/check-types', (_req, res) => {
    res.json({
      items: readinessChecks
        .list()
        .map(({ type, description }) => ({ type, description })),
    });
  });

  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // Sign-offs are attestations by people: service principals cannot make them.
  const person = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/readiness', async (req, res) => {
    res.json(
      await readiness.board(parseBoardQuery(req.query), await caller(req)),
    );
  });

  router.post('/readiness/statuses', async (req, res) => {
    const credentials = await caller(req);
    res.json({
      statuses: await readiness.statuses(req.body.entityRefs, credentials),
    });
  });

  router.get('/readiness/:kind/:namespace/:name', async (req, res) => {
    const credentials = await caller(req);
    res.json(await readiness.getReadiness(entityRefOf(req), credentials));
  });

  router.post('/readiness/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await caller(req);
    res.json(await readiness.refresh(entityRefOf(req), credentials));
  });

  router.get('/readiness/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await caller(req);
    res.json(await readiness.history(entityRefOf(req), credentials));
  });

  router.post(
    '/readiness/:kind/:namespace/:name/signoffs',
    async (req, res) => {
      const credentials = await person(req);
      const { gateId, comment, version, expiresAt } = req.body;
      res.json(
        await readiness.signOff(
          entityRefOf(req),
          {
            gateId,
            comment: blankToUndefined(comment),
            version: blankToUndefined(version),
            expiresAt,
          },
          credentials,
        ),
      );
    },
  );

  router.delete(
    '/readiness/:kind/:namespace/:name/signoffs/:gateId',
    async (req, res) => {
      const credentials = await person(req);
      const comment = blankToUndefined(req.body.comment);
      if (!comment) {
        throw new InputError('comment: say why the sign-off is revoked');
      }
      res.json(
        await readiness.revoke(
          entityRefOf(req),
          req.params.gateId,
          comment,
          credentials,
        ),
      );
    },
  );

  router.post('/approvals', async (req, res) => {
    const credentials = await caller(req);
    res.status(201).json(await approvals.create(req.body, credentials, req));
  });

  router.get('/approvals', async (req, res) => {
    const credentials = await caller(req);
    const states = listOf(req.query.state);
    for (const state of states ?? []) {
      if (!APPROVAL_STATES.includes(state as ApprovalState)) {
        throw new InputError(
          `state: unknown state '${state}'; use ${APPROVAL_STATES.join(', ')}`,
        );
      }
    }
    if (req.query.pendingFor && credentials.principal.type !== 'user') {
      throw new InputError('pendingFor=me needs a signed-in user');
    }
    if (req.query.pendingFor && states && !states.includes('pending')) {
      throw new InputError(
        `pendingFor=me lists pending requests; it cannot be combined with state=${states.join(
          ',',
        )}`,
      );
    }
    res.json(
      await approvals.list(
        {
          entityRef: text(req.query.entityRef),
          state: states as ApprovalState[] | undefined,
          pendingFor: req.query.pendingFor ? 'me' : undefined,
          // the OpenAPI router has checked the range
          limit:
            req.query.limit === undefined ? undefined : Number(req.query.limit),
          cursor: text(req.query.cursor),
        },
        credentials,
      ),
    );
  });

  router.get('/approvals/:id', async (req, res) => {
    res.json(await approvals.get(req.params.id, await caller(req)));
  });

  router.post('/approvals/:id/decisions', async (req, res) => {
    // decisions are people's: a service principal never approves
    const credentials = await person(req);
    res.json(await approvals.decide(req.params.id, req.body, credentials, req));
  });

  router.post('/approvals/:id/cancel', async (req, res) => {
    const credentials = await caller(req);
    res.json(
      await approvals.cancel(
        req.params.id,
        text(req.body?.comment),
        credentials,
        req,
      ),
    );
  });

  router.get('/approvals/:id/audit', async (req, res) => {
    res.json(await approvals.audit(req.params.id, await caller(req)));
  });

  router.get('/approvals/:id/wait', async (req, res) => {
    const credentials = await caller(req);
    // A client that goes away ends its wait: nothing is kept, polled or built for it.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const answer = await approvals.wait(
      req.params.id,
      Number(req.query.timeout ?? 30),
      credentials,
      gone.signal,
    );
    if (answer) res.json(answer);
  });

  router.use(unknownRoute);
  router.use(errorResponses(logger));
  return router;
}
