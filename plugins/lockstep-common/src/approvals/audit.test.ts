import { createHash } from 'node:crypto';
import {
  AUDIT_GENESIS_HASH,
  auditPayload,
  canonicalJson,
  chainEntry,
  verifyAuditChain,
} from './audit';
import { AuditEntry } from './types';

// Tests may use Node; the package itself takes the digest as a parameter to stay isomorphic.
const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

const buildChain = (): AuditEntry[] => {
  const steps: Array<Parameters<typeof chainEntry>[1]> = [
    {
      requestId: 'r1',
      at: '2026-11-01T09:00:00.000Z',
      actor: 'user:default/rita',
      action: 'created',
      data: { version: '2.4.0', environment: 'production' },
    },
    {
      requestId: 'r1',
      at: '2026-11-01T10:00:00.000Z',
      actor: 'user:default/pat',
      action: 'approved-by',
      data: { stage: 0, groups: ['group:default/payments'], comment: 'LGTM' },
    },
    {
      requestId: 'r1',
      at: '2026-11-01T10:00:00.000Z',
      action: 'stage-passed',
      data: { stage: 0 },
    },
    {
      requestId: 'r1',
      at: '2026-11-02T10:00:00.000Z',
      actor: 'user:default/sam',
      action: 'rejected-by',
      data: { stage: 1, comment: 'Pen test pending' },
    },
  ];
  const chain: AuditEntry[] = [];
  for (const step of steps) {
    chain.push(chainEntry(chain[chain.length - 1], step, sha256));
  }
  return chain;
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves arrays in order', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});

describe('chainEntry', () => {
  it('links each entry to the one before, starting from the genesis hash', () => {
    const chain = buildChain();
    expect(chain.map(entry => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0].prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(chain[1].prevHash).toBe(chain[0].hash);
    expect(chain[0].hash).toBe(
      sha256(AUDIT_GENESIS_HASH + auditPayload(chain[0])),
    );
    expect(chain[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes a missing actor like a NULL read back from the database', () => {
    const [, , systemEntry] = buildChain();
    expect(systemEntry.actor).toBeUndefined();
    const fromDb = { ...systemEntry, actor: null as unknown as undefined };
    expect(auditPayload(fromDb)).toBe(auditPayload(systemEntry));
  });

  it('refuses to chain an entry onto another request', () => {
    const [first] = buildChain();
    expect(() =>
      chainEntry(
        first,
        { requestId: 'r2', at: first.at, action: 'created', data: {} },
        sha256,
      ),
    ).toThrow('cannot follow');
  });
});

describe('verifyAuditChain', () => {
  it('accepts an untouched chain, also read back through JSON', () => {
    const chain = buildChain();
    expect(verifyAuditChain(chain, sha256)).toEqual({ valid: true });
    expect(verifyAuditChain(JSON.parse(JSON.stringify(chain)), sha256)).toEqual(
      { valid: true },
    );
    expect(verifyAuditChain([], sha256)).toEqual({ valid: true });
  });

  it('detects edited data', () => {
    const chain = buildChain();
    chain[1] = { ...chain[1], data: { ...chain[1].data, comment: 'edited' } };
    expect(verifyAuditChain(chain, sha256)).toMatchObject({
      valid: false,
      seq: 2,
      problem: expect.stringContaining('changed after it was written'),
    });
  });

  it('detects an edited actor', () => {
    const chain = buildChain();
    chain[3] = { ...chain[3], actor: 'user:default/someone-else' };
    expect(verifyAuditChain(chain, sha256)).toMatchObject({
      valid: false,
      seq: 4,
    });
  });

  it('detects a deleted middle row', () => {
    const chain = buildChain();
    chain.splice(1, 1);
    expect(verifyAuditChain(chain, sha256)).toEqual({
      valid: false,
      seq: 3,
      problem: 'Entry 2 is missing: entry 3 comes after entry 1',
    });
  });

  it('detects a deleted row whose successors were renumbered without rehashing', () => {
    const chain = buildChain();
    chain.splice(1, 1);
    chain[1] = { ...chain[1], seq: 2 };
    expect(verifyAuditChain(chain, sha256)).toMatchObject({
      valid: false,
      seq: 2,
    });
  });

  it('detects a row that follows the wrong predecessor, even with a recomputed hash', () => {
    const chain = buildChain();
    const { hash: _ignored, ...fields } = chain[2];
    const forged = { ...fields, prevHash: chain[0].hash };
    chain[2] = {
      ...forged,
      hash: sha256(forged.prevHash + auditPayload(forged)),
    };
    expect(verifyAuditChain(chain, sha256)).toMatchObject({
      valid: false,
      seq: 3,
      problem: expect.stringContaining('does not follow the entry before it'),
    });
  });

  it('detects reordered rows', () => {
    const chain = buildChain();
    [chain[1], chain[2]] = [chain[2], chain[1]];
    expect(verifyAuditChain(chain, sha256)).toEqual({
      valid: false,
      seq: 3,
      problem: 'Entry 3 is out of order: expected entry 2',
    });
  });

  it('cannot see a deleted last row alone; the head recorded on the request reveals it', () => {
    const chain = buildChain();
    const head = { seq: chain[3].seq, hash: chain[3].hash };
    const truncated = chain.slice(0, 3);
    // The chain alone: a shorter chain is still a valid chain.
    expect(verifyAuditChain(truncated, sha256)).toEqual({ valid: true });
    // With the count and last hash the backend keeps on the request row, it fails.
    expect(verifyAuditChain(truncated, sha256, head)).toEqual({
      valid: false,
      seq: 4,
      problem:
        'The chain was cut short: it ends at entry 3, the request records 4',
    });
    expect(verifyAuditChain(chain, sha256, head)).toEqual({ valid: true });
  });

  it('detects rows of another request mixed in', () => {
    const chain = buildChain();
    chain[2] = { ...chain[2], requestId: 'r2' };
    expect(verifyAuditChain(chain, sha256)).toMatchObject({
      valid: false,
      seq: 3,
    });
  });
});
