import { AuditEntry } from './types';

/**
 * A SHA-256 of a text, as 64 lower-case hex digits. Injected because this package is isomorphic and
 * ships no hash of its own: the backend passes `text => createHash('sha256').update(text).digest('hex')`
 * (node:crypto); a browser or script can pass any SHA-256 implementation.
 *
 * @public
 */
export type AuditDigest = (text: string) => string;

/** The `prevHash` of the first row of every chain. @public */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** A value with object keys sorted at every depth, so that equal data always serialises the same. */
function sortKeys(value: unknown): unknown {
  const plain =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (Array.isArray(plain)) return plain.map(sortKeys);
  if (plain === null || typeof plain !== 'object') return plain;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(plain).sort()) {
    sorted[key] = sortKeys((plain as Record<string, unknown>)[key]);
  }
  return sorted;
}

/**
 * Canonical JSON: `JSON.stringify` with object keys sorted recursively. Properties whose value is
 * `undefined` are left out, as `JSON.stringify` does, so a row reads back from a JSON column the same.
 *
 * @public
 */
export const canonicalJson = (value: unknown) =>
  JSON.stringify(sortKeys(value));

/**
 * What a row's hash covers: its canonical JSON of `seq`, `requestId`, `at`, `actor`, `action`,
 * `data` and `prevHash`. A missing actor is written as `null`, so that `undefined` in memory and
 * `NULL` from the database hash the same.
 *
 * @public
 */
export function auditPayload(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson({
    seq: entry.seq,
    requestId: entry.requestId,
    at: entry.at,
    actor: entry.actor ?? null,
    action: entry.action,
    data: entry.data,
    prevHash: entry.prevHash,
  });
}

const hashOf = (entry: Omit<AuditEntry, 'hash'>, digest: AuditDigest) =>
  digest(entry.prevHash + auditPayload(entry));

/**
 * The next row of a request's audit chain: `seq` one after `prev` (1 for the first), `prevHash` the
 * hash of `prev` (`AUDIT_GENESIS_HASH` for the first), and `hash = digest(prevHash + payload)`.
 *
 * There is one chain per request, not one per table: `GET /approvals/{id}/audit` can then verify a
 * request's trail by reading only its rows, and requests never contend for the head of a shared chain.
 *
 * @throws Error when `prev` belongs to another request (a programming error; it would break the chain)
 * @public
 */
export function chainEntry(
  prev: AuditEntry | undefined,
  fields: Pick<AuditEntry, 'requestId' | 'at' | 'action' | 'data'> & {
    actor?: string;
  },
  digest: AuditDigest,
): AuditEntry {
  if (prev && prev.requestId !== fields.requestId) {
    throw new Error(
      `Audit entry for request ${fields.requestId} cannot follow one of request ${prev.requestId}`,
    );
  }
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: prev ? prev.seq + 1 : 1,
    requestId: fields.requestId,
    at: fields.at,
    ...(fields.actor !== undefined && { actor: fields.actor }),
    action: fields.action,
    data: fields.data,
    prevHash: prev ? prev.hash : AUDIT_GENESIS_HASH,
  };
  return { ...entry, hash: hashOf(entry, digest) };
}

/** @public */
export type AuditChainVerdict =
  | { valid: true }
  | { valid: false; seq: number; problem: string };

/**
 * Verifies one request's audit chain, given in `seq` order. It detects a row edited after it was
 * written (its hash no longer matches its content), a deleted row (a gap in `seq`, or a `prevHash`
 * that is not the previous row's hash), rows out of order, and rows of another request.
 *
 * What the chain alone cannot detect: deleting the last rows (what remains is a valid, shorter chain),
 * and someone who rewrites the table and recomputes every hash after their edit (the digest has no
 * secret). So the backend also keeps the head of the chain outside the audit table (the entry count
 * and last hash on the request row, and in the auditor log) and passes it as `head`, which makes a
 * truncated chain fail.
 *
 * @param head - the `seq` and `hash` the last row must have, as recorded elsewhere
 * @public
 */
export function verifyAuditChain(
  entries: ReadonlyArray<AuditEntry>,
  digest: AuditDigest,
  head?: { seq: number; hash: string },
): AuditChainVerdict {
  const fail = (seq: number, problem: string): AuditChainVerdict => ({
    valid: false,
    seq,
    problem,
  });
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const previous = entries[i - 1];
    const expectedSeq = i + 1;
    if (entry.requestId !== entries[0].requestId) {
      return fail(
        entry.seq,
        `Entry ${entry.seq} belongs to request ${entry.requestId}, not ${entries[0].requestId}`,
      );
    }
    if (hashOf(entry, digest) !== entry.hash) {
      return fail(
        entry.seq,
        `Entry ${entry.seq} was changed after it was written: its hash does not match its content`,
      );
    }
    if (entry.seq !== expectedSeq) {
      return fail(
        entry.seq,
        entry.seq > expectedSeq &&
          !entries.some(other => other.seq === expectedSeq)
          ? `Entry ${expectedSeq} is missing: entry ${
              entry.seq
            } comes after entry ${expectedSeq - 1}`
          : `Entry ${entry.seq} is out of order: expected entry ${expectedSeq}`,
      );
    }
    const expectedPrev = previous ? previous.hash : AUDIT_GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      return fail(
        entry.seq,
        `Entry ${entry.seq} does not follow the entry before it: an entry was removed or replaced`,
      );
    }
  }
  if (head) {
    const last = entries[entries.length - 1];
    if (!last || last.seq !== head.seq || last.hash !== head.hash) {
      const lastSeq = last?.seq ?? 0;
      return fail(
        lastSeq + 1,
        lastSeq < head.seq
          ? `The chain was cut short: it ends at entry ${lastSeq}, the request records ${head.seq}`
          : `The chain does not end where the request says it does (entry ${head.seq})`,
      );
    }
  }
  return { valid: true };
}
