import {
  AuditChainVerdict,
  AuditDigest,
  canonicalJson,
  verifyAuditChain,
} from './audit';
import { evaluateRequest } from './quorum';
import {
  canTransition,
  DECISION_OUTCOMES,
  INITIAL_APPROVAL_STATE,
  isTerminal,
} from './states';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalState,
  AuditEntry,
} from './types';

/**
 * The digest of what a request asked for and under which rules, recorded in its `created` entry: a
 * later edit of the title, version, requester, policy snapshot or readiness on the request row no
 * longer matches it.
 *
 * @public
 */
export function requestContentDigest(
  request: Pick<
    ApprovalRequest,
    | 'id'
    | 'entityRef'
    | 'title'
    | 'description'
    | 'environment'
    | 'version'
    | 'requester'
    | 'createdAt'
    | 'expiresAt'
    | 'policy'
    | 'readinessAtCreation'
  >,
  digest: AuditDigest,
): string {
  return digest(
    canonicalJson({
      id: request.id,
      entityRef: request.entityRef,
      title: request.title,
      description: request.description,
      environment: request.environment,
      version: request.version,
      requester: request.requester,
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
      policy: request.policy,
      readinessAtCreation: request.readinessAtCreation,
    }),
  );
}

const DECISION_ACTIONS = { 'approved-by': 'approve', 'rejected-by': 'reject' };

const sameDecision = (stored: ApprovalDecision, chained: ApprovalDecision) =>
  canonicalJson({ ...stored, id: undefined }) ===
  canonicalJson({ ...chained, id: undefined });

/**
 * Verifies a request against its audit chain: the chain itself (`verifyAuditChain`), and then that
 * the chain proves what the request row and the decisions table say. Replaying the chain gives the
 * decisions, the stage and the state; they must equal the stored ones, the transitions must follow
 * from the decisions under the frozen policy, and the request's content must match what its
 * `created` entry recorded. So a state flipped, an approver changed or a decision row added straight
 * in the database all fail, at the entry (or the end of the chain) where they stop agreeing.
 *
 * @param head - the chain head recorded on the request row
 * @public
 */
export function verifyRequestRecord(
  request: ApprovalRequest,
  entries: ReadonlyArray<AuditEntry>,
  digest: AuditDigest,
  head?: { seq: number; hash: string },
): AuditChainVerdict {
  const chain = verifyAuditChain(entries, digest, head);
  if (!chain.valid) return chain;
  const end = (entries.at(-1)?.seq ?? 0) + 1;
  const fail = (seq: number, problem: string): AuditChainVerdict => ({
    valid: false,
    seq,
    problem,
  });

  const [created, ...rest] = entries;
  if (!created || created.action !== 'created') {
    return fail(
      created?.seq ?? 1,
      'The chain does not start with the creation',
    );
  }
  const data = created.data as Record<string, unknown>;
  if ((created.actor ?? '') !== request.requester) {
    return fail(
      created.seq,
      `The request names ${request.requester} as requester; its creation was recorded for ${created.actor}`,
    );
  }
  if (typeof data.contentDigest === 'string') {
    if (data.contentDigest !== requestContentDigest(request, digest)) {
      return fail(
        created.seq,
        'The request was changed after it was created: its content no longer matches the creation entry',
      );
    }
  } else {
    // Entries written before the digest was recorded: the fields they hold.
    const fields: Array<[string, unknown]> = [
      ['entityRef', request.entityRef],
      ['environment', request.environment],
      ['version', request.version],
      ['title', request.title],
      ['policy', request.policy.policyId],
    ];
    const changed = fields.find(
      ([field, value]) => field in data && data[field] !== value,
    );
    if (changed) {
      return fail(
        created.seq,
        `The request's ${changed[0]} was changed after it was created`,
      );
    }
  }

  let state: ApprovalState = INITIAL_APPROVAL_STATE;
  let stage = 0;
  let decidedAt: string | undefined;
  const decisions: ApprovalDecision[] = [];
  for (const entry of rest) {
    if (isTerminal(state)) {
      return fail(
        entry.seq,
        `Entry ${entry.seq} (${entry.action}) follows the request's end (${state})`,
      );
    }
    const entryData = entry.data as Record<string, unknown>;
    if (entry.action === 'approved-by' || entry.action === 'rejected-by') {
      decisions.push({
        actor: entry.actor ?? '',
        decision: DECISION_ACTIONS[
          entry.action
        ] as ApprovalDecision['decision'],
        ...(typeof entryData.comment === 'string' && {
          comment: entryData.comment,
        }),
        stage: Number(entryData.stage),
        at: entry.at,
        groups: (entryData.groups as string[]) ?? [],
      });
    } else if (entry.action === 'stage-passed') {
      const evaluated = evaluateRequest(
        request.policy,
        decisions,
        request.requester,
      );
      if (
        Number(entryData.stage) !== stage ||
        evaluated.currentStage <= stage
      ) {
        return fail(
          entry.seq,
          `Entry ${entry.seq} says stage ${
            Number(entryData.stage) + 1
          } passed, which the decisions before it do not justify`,
        );
      }
      stage++;
    } else if (entry.action !== 'created') {
      if (!canTransition(state, entry.action)) {
        return fail(
          entry.seq,
          `Entry ${entry.seq} moves the request from ${state} to ${entry.action}, which no event does`,
        );
      }
      state = entry.action;
      decidedAt = entry.at;
      if (Object.values<ApprovalState>(DECISION_OUTCOMES).includes(state)) {
        const evaluated = evaluateRequest(
          request.policy,
          decisions,
          request.requester,
        );
        if (evaluated.state !== state) {
          return fail(
            entry.seq,
            `Entry ${entry.seq} says the request was ${state}, which the decisions before it do not justify`,
          );
        }
      }
    } else {
      return fail(entry.seq, `Entry ${entry.seq} records a second creation`);
    }
  }

  if (request.state !== state) {
    return fail(
      end,
      `The request says ${request.state}; its audit trail says ${state}`,
    );
  }
  if (request.currentStage !== stage) {
    return fail(
      end,
      `The request says stage ${
        request.currentStage + 1
      }; its audit trail says stage ${stage + 1}`,
    );
  }
  if (isTerminal(state) && request.decidedAt !== decidedAt) {
    return fail(
      end,
      `The request says it ended at ${request.decidedAt}; its audit trail says ${decidedAt}`,
    );
  }
  if (request.decisions.length !== decisions.length) {
    return fail(
      end,
      `The request has ${request.decisions.length} decisions; its audit trail records ${decisions.length}`,
    );
  }
  const differs = request.decisions.findIndex(
    (stored, i) => !sameDecision(stored, decisions[i]),
  );
  if (differs >= 0) {
    const entry = rest.filter(e => e.action in DECISION_ACTIONS)[differs];
    return fail(
      entry.seq,
      `Decision ${differs + 1} (by ${
        request.decisions[differs].actor
      }) does not match entry ${entry.seq} of the audit trail`,
    );
  }
  return { valid: true };
}
