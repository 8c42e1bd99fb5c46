import type { AddressInfo } from 'node:net';
import { FuzzBackend } from './backend';
import { Case, judge, Outcome } from './plan';
import { Targets } from './routes';
import { send } from './send';

const CONCURRENCY = 6;

/** Sends every case to the backend, aimed at `targets`, and judges each answer. */
export async function sendCases(
  backend: FuzzBackend,
  cases: Case[],
  targets: Targets,
): Promise<Outcome[]> {
  const { server, tokens } = backend;
  const port = (server.address() as AddressInfo).port;
  const outcomes: Outcome[] = new Array(cases.length);

  // Routes whose target a bad request that got through uses up (a decision taken, a request
  // cancelled, a sign-off revoked): their requests go one at a time, and the target is made again
  // after any 2xx, so that one defect does not hide the next behind 409s.
  const current: Targets = { ...targets };
  const rearm: Record<string, () => Promise<unknown>> = {
    'POST /approvals/{id}/decisions': async () => {
      current.pending = await backend.makePending();
    },
    'POST /approvals/{id}/cancel': async () => {
      current.pendingToCancel = await backend.createRequest(
        'daniel',
        'cart-service',
        'staging',
      );
    },
    'DELETE /readiness/{kind}/{namespace}/{name}/signoffs/{gateId}':
      backend.signOffSecurityReview,
  };
  const aimed = (draft: Case['draft']) => ({
    ...draft,
    segments: draft.segments.map(segment =>
      (Object.keys(targets) as Array<keyof Targets>).reduce(
        (s, key) => s.split(targets[key]).join(current[key]),
        segment,
      ),
    ),
  });
  const sendOne = async (i: number) => {
    const c: Case = { ...cases[i], draft: aimed(cases[i].draft) };
    outcomes[i] = judge(c, await send(port, c.draft, tokens));
    const status = outcomes[i].answer.status;
    if (status >= 200 && status < 300) await rearm[c.route]?.();
  };
  const lanes = new Map<string, number[]>();
  const shared: number[] = [];
  cases.forEach((c, i) => {
    if (!rearm[c.route]) shared.push(i);
    else lanes.set(c.route, [...(lanes.get(c.route) ?? []), i]);
  });
  let next = 0;
  const worker = async () => {
    while (next < shared.length) await sendOne(shared[next++]);
  };
  const lane = async (indices: number[]) => {
    for (const i of indices) await sendOne(i);
  };
  await Promise.all([
    ...Array.from({ length: CONCURRENCY }, worker),
    ...[...lanes.values()].map(lane),
  ]);
  return outcomes;
}
