import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  lockstepReadinessSignOffPermission,
  ReadinessProfile,
} from '@lockstep/backstage-plugin-lockstep-common';
import { mockMethods } from '../__testUtils__/mockMethods';
import { serviceEntity } from '../__testUtils__/unitFixtures';
import type { CatalogDirectory } from '../access/CatalogDirectory';
import type {
  CatalogReadAccess,
  CatalogReadScope,
} from '../access/catalogAccess';
import type { ReadinessEvaluator } from './ReadinessEvaluator';
import { ReadinessReplica } from './ReadinessReplica';
import { ReadinessSignOffs } from './ReadinessSignOffs';
import type { ReadinessStore } from './ReadinessStore';

/**
 * The unit tier of sign-offs: everything that must hold before a sign-off is written, over a store
 * interface that is a mock and the real replica reading from it. The integration tier (the real
 * catalog and permission backend on both databases) is `readiness.test.ts` and `signOffRaces.test.ts`.
 */

const SERVICE = 'component:default/checkout';
const PAYMENTS = 'group:default/payments';
const SECURITY = 'group:default/security';
const PAT = 'user:default/pat'; // payments
const SAM = 'user:default/sam'; // security

const entity = serviceEntity('checkout', PAYMENTS);

const profile: ReadinessProfile = {
  id: 'service',
  title: 'Service',
  extends: [],
  filter: { kind: ['component'] },
  gates: [
    {
      id: 'security-review',
      title: 'Security review',
      team: SECURITY,
      type: 'signoff',
      required: true,
      validForMs: 7 * 86_400_000,
    },
    {
      id: 'owner-ok',
      title: 'Owner sign-off',
      team: 'owner',
      type: 'signoff',
      required: true,
    },
    {
      id: 'has-owner',
      title: 'Has an owner',
      team: PAYMENTS,
      type: 'check',
      check: 'hasOwner',
      required: true,
    },
  ],
};

function setUp(options: { readable?: boolean; denied?: boolean } = {}) {
  const store = mockMethods<ReadinessStore>([
    'listGates',
    'listEvaluations',
    'latestEventId',
    'eventsAfter',
    'signOff',
    'revoke',
  ]);
  store.listGates.mockResolvedValue([]);
  store.listEvaluations.mockResolvedValue([
    {
      entityRef: SERVICE,
      profile: { id: 'service', title: 'Service', selectedBy: 'filter' },
      evaluatedAt: '2026-12-01T00:00:00.000Z',
    },
  ]);
  store.latestEventId.mockResolvedValue(0);
  store.eventsAfter.mockResolvedValue([]);
  store.revoke.mockResolvedValue(true);
  const replica = new ReadinessReplica({
    store,
    profiles: [profile],
    logger: mockServices.logger.mock(),
  });
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({
      result: options.denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    })),
  );
  const scope: CatalogReadScope = {
    all: false,
    readable: async refs =>
      new Set(options.readable === false ? [] : [...refs]),
    knows: () => true,
  };
  const access = mockMethods<CatalogReadAccess>(['scope']);
  access.scope.mockResolvedValue(scope);
  const teams: Record<string, string> = { [PAT]: PAYMENTS, [SAM]: SECURITY };
  const directory = mockMethods<CatalogDirectory>(['entity', 'isMember']);
  directory.entity.mockImplementation(async ref =>
    ref === SERVICE ? entity : undefined,
  );
  directory.isMember.mockImplementation(
    async (user, team) => teams[user] === team,
  );
  const evaluator = mockMethods<ReadinessEvaluator>(['evaluateOne']);
  const signOffs = new ReadinessSignOffs({
    access: {
      scope: async () => scope,
    } as Partial<CatalogReadAccess> as CatalogReadAccess,
    permissions,
    directory: directory as Partial<CatalogDirectory> as CatalogDirectory,
    store,
    replica,
    evaluator: evaluator as Partial<ReadinessEvaluator> as ReadinessEvaluator,
  });
  return { signOffs, store, evaluator, permissions };
}

const asSam = mockCredentials.user(SAM);
const asPat = mockCredentials.user(PAT);

describe('ReadinessSignOffs', () => {
  it('records a sign-off of a member of the gate team, trimmed, valid for the gate validity', async () => {
    const { signOffs, store } = setUp();
    const before = Date.now();
    await signOffs.signOff(
      SERVICE,
      { gateId: 'security-review', version: ' 2.4.0 ', comment: ' pen test ' },
      asSam,
    );
    const [ref, gateId, input] = store.signOff.mock.calls[0];
    expect([ref, gateId]).toEqual([SERVICE, 'security-review']);
    expect(input).toMatchObject({
      signedBy: SAM,
      version: '2.4.0',
      comment: 'pen test',
    });
    const validFor = Date.parse(input.expiresAt!) - Date.parse(input.signedAt);
    expect(validFor).toBe(7 * 86_400_000);
    expect(Date.parse(input.signedAt)).toBeGreaterThanOrEqual(before);
    // the replica reads the entity again from the store after writing
    expect(store.listGates).toHaveBeenLastCalledWith([SERVICE]);
  });

  it('takes the owner of the entity as the team of an `owner` gate', async () => {
    const { signOffs, store } = setUp();
    await expect(
      signOffs.signOff(SERVICE, { gateId: 'owner-ok' }, asSam),
    ).rejects.toThrow(
      `Only members of ${PAYMENTS} may sign off or revoke Owner sign-off; ${SAM} is not one`,
    );
    await signOffs.signOff(SERVICE, { gateId: 'owner-ok' }, asPat);
    expect(store.signOff).toHaveBeenCalledTimes(1);
    expect(store.signOff.mock.calls[0][2].expiresAt).toBeUndefined();
  });

  it.each([
    [
      'an entity the caller may not read, as one that does not exist',
      { readable: false },
      { gateId: 'security-review' },
      `No entity '${SERVICE}' in the catalog`,
    ],
    [
      'what the permission policy denies',
      { denied: true },
      { gateId: 'security-review' },
      'The permission policy does not allow you to sign off readiness gates',
    ],
    [
      'a gate the profile does not have, naming the ones it has',
      {},
      { gateId: 'perf' },
      "No gate 'perf' in profile 'service' of component:default/checkout; its gates are security-review, owner-ok, has-owner",
    ],
    [
      'a check, which is evaluated rather than signed',
      {},
      { gateId: 'has-owner' },
      'Has an owner is a check, evaluated automatically; use refresh to run it again',
    ],
    [
      'an expiry later than the gate allows',
      {},
      { gateId: 'security-review', expiresAt: '2999-01-01T00:00:00Z' },
      'expiresAt may not be later than',
    ],
    [
      'an expiry in the past',
      {},
      { gateId: 'security-review', expiresAt: '2001-01-01T00:00:00Z' },
      'expiresAt must be a date-time in the future',
    ],
  ])('refuses %s, writing nothing', async (_, options, request, message) => {
    const { signOffs, store } = setUp(options);
    await expect(signOffs.signOff(SERVICE, request, asSam)).rejects.toThrow(
      message,
    );
    expect(store.signOff).not.toHaveBeenCalled();
  });

  it('evaluates an entity never evaluated before it judges the sign-off', async () => {
    const { signOffs, store, evaluator } = setUp();
    store.listEvaluations.mockResolvedValue([]);
    await expect(
      signOffs.signOff(SERVICE, { gateId: 'security-review' }, asSam),
    ).rejects.toThrow(/No readiness profile applies/);
    expect(evaluator.evaluateOne).toHaveBeenCalledWith(SERVICE, entity);
    expect(store.signOff).not.toHaveBeenCalled();
  });

  it('asks a revocation why before anything else, and says when there was nothing to revoke', async () => {
    const { signOffs, store } = setUp();
    await expect(
      signOffs.revoke(SERVICE, 'security-review', '  ', asSam),
    ).rejects.toThrow('comment: say why the sign-off is revoked');
    expect(store.listEvaluations).not.toHaveBeenCalled();

    store.revoke.mockResolvedValueOnce(false);
    await expect(
      signOffs.revoke(SERVICE, 'security-review', 'scope changed', asSam),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Security review of ${SERVICE} is not signed off; there is nothing to revoke`,
    });
    expect(store.revoke).toHaveBeenCalledWith(
      SERVICE,
      'security-review',
      SAM,
      'scope changed',
      expect.any(String),
    );
  });

  it('lets nobody outside the team revoke', async () => {
    const { signOffs, store } = setUp();
    await expect(
      signOffs.revoke(SERVICE, 'security-review', 'no longer valid', asPat),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(store.revoke).not.toHaveBeenCalled();
  });

  it('asks the permission framework for the sign-off permission', async () => {
    const { signOffs, permissions } = setUp();
    await signOffs.signOff(SERVICE, { gateId: 'security-review' }, asSam);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: lockstepReadinessSignOffPermission }],
      { credentials: asSam },
    );
  });
});
