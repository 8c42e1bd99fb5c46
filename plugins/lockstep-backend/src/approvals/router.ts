import type { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  APPROVAL_STATES,
  isDecidable,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { LockstepApiRouter } from '../schema';
import { auditRecorder } from '../http/audit';
import { Callers, listOf, numberOf, oneOf, text } from '../http/requestParts';
import { ApprovalService } from './ApprovalService';

/**
 * `/approvals…`: release requests, their decisions, cancellation, audit and the long poll a
 * pipeline waits on. Decisions are people's: a service principal may ask, read and wait, never decide.
 */
export function approvalRoutes(
  api: LockstepApiRouter,
  deps: {
    callers: Callers;
    auditor: AuditorService;
    approvals: ApprovalService;
  },
) {
  const { callers, auditor, approvals } = deps;

  api.post('/approvals', async (req, res) => {
    const credentials = await callers.anyone(req);
    res
      .status(201)
      .json(
        await approvals.create(
          req.body,
          credentials,
          auditRecorder(auditor, req),
        ),
      );
  });

  api.get('/approvals', async (req, res) => {
    const credentials = await callers.anyone(req);
    const states = oneOf('state', listOf(req.query.state), APPROVAL_STATES);
    const pendingFor = text(req.query.pendingFor);
    if (pendingFor && credentials.principal.type !== 'user') {
      throw new InputError('pendingFor=me needs a signed-in user');
    }
    if (pendingFor && states && !states.some(isDecidable)) {
      throw new InputError(
        `pendingFor=me lists requests waiting for a decision; it cannot be combined with state=${states.join(
          ',',
        )}`,
      );
    }
    res.json(
      await approvals.list(
        {
          entityRef: text(req.query.entityRef),
          state: states,
          pendingFor: pendingFor ? 'me' : undefined,
          environment: text(req.query.environment),
          requester: text(req.query.requester),
          limit: numberOf(req.query.limit),
          cursor: text(req.query.cursor),
        },
        credentials,
      ),
    );
  });

  api.get('/approvals/:id', async (req, res) => {
    res.json(await approvals.get(req.params.id, await callers.anyone(req)));
  });

  api.post('/approvals/:id/decisions', async (req, res) => {
    const credentials = await callers.person(req);
    res.json(
      await approvals.decide(
        req.params.id,
        req.body,
        credentials,
        auditRecorder(auditor, req),
      ),
    );
  });

  api.post('/approvals/:id/cancel', async (req, res) => {
    const credentials = await callers.anyone(req);
    res.json(
      await approvals.cancel(
        req.params.id,
        text(req.body?.comment),
        credentials,
        auditRecorder(auditor, req),
      ),
    );
  });

  api.get('/approvals/:id/audit', async (req, res) => {
    res.json(await approvals.audit(req.params.id, await callers.anyone(req)));
  });

  api.get('/approvals/:id/wait', async (req, res) => {
    const credentials = await callers.anyone(req);
    // A client that goes away ends its wait: nothing is kept, polled or built for it.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const answer = await approvals.wait(
      req.params.id,
      numberOf(req.query.timeout) ?? 30,
      credentials,
      gone.signal,
    );
    if (answer) res.json(answer);
  });
}
