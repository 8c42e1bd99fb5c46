import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ApprovalPolicy,
  ApprovalRequestView,
  INITIAL_APPROVAL_STATE,
  lockstepApprovalCreatePermission,
  lockstepApprovalSupersedePermission,
  requestContentDigest,
} from '@lockstep/backstage-plugin-lockstep-common';
import { mockMethods } from '../__testUtils__/mockMethods';
import {
  blockedBySecurityReview,
  serviceEntity,
} from '../__testUtils__/unitFixtures';
import type { CatalogDirectory } from '../access/CatalogDirectory';
import type { CatalogReadScope } from '../access/catalogAccess';
import type { ReadinessService } from '../readiness/ReadinessService';
import { ApprovalCommands } from './ApprovalCommands';
import type { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalReadAccess, principalRef } from './ApprovalReadAccess';
import { ApprovalStore, sha256, StoredRequest } from './ApprovalStore';

/**
 * The unit tier of the approval commands: the rules a command applies before and around the store,
 * over a store interface that is a mock. That the store applies them again in its transaction, on
 * both databases, is the integration tier's (`approvals.*.test.ts`, `approvalGuards.test.ts`).
 */

const SERVICE = 'component:default/checkout';
const TEAM = 'group:default/payments';
const RITA = 'user:default/rita';
const PAT = 'user:default/pat';
const OLU = 'user:default/olu';

const entity = serviceEntity('checkout', TEAM);

const policy: ApprovalPolicy = {
  id: 'production',
  title: 'Production releases',
  filter: { kind: ['component'] },
  environments: ['production'],
  stages: [
    { name: 'Team', rules: [{ group: TEAM, minApprovals: 1 }] },
    { name: 'Release manager', rules: [{ group: OLU, minApprovals: 1 }] },
  ],
  requesterCannotApprove: true,
  rejectReasonRequired: true,
  expiresAfterMs: 3_600_000,
  requireReadiness: false,
};

const body = {
  entityRef: SERVICE,
  title: ' Release 2.4 ',
  environment: 'production',
  version: '2.4.0',
};

function setUp(
  options: {
    denied?: string[];
    members?: string[];
    policies?: ApprovalPolicy[];
  } = {},
) {
  const members = options.members ?? [PAT, 'user:default/pia'];
  const stored = new Map<string, StoredRequest>();
  const store = mockMethods<ApprovalStore>([
    'get',
    'create',
    'decide',
    'apply',
  ]);
  store.get.mockImplementation(async id => stored.get(id));
  store.create.mockImplementation(async request => {
    stored.set(request.id, { ...request });
    return [];
  });
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(r => ({
      result: options.denied?.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    })),
  );
  const directory = mockMethods<CatalogDirectory>(['entity', 'membersOf']);
  directory.entity.mockImplementation(async ref =>
    ref === SERVICE ? entity : undefined,
  );
  directory.membersOf.mockImplementation(
    async groups => new Map(groups.map(g => [g, g === TEAM ? members : [g]])),
  );
  const scope: CatalogReadScope = {
    all: true,
    readable: async refs => new Set(refs),
    knows: () => true,
  };
  const reads = mockMethods<ApprovalReadAccess>([
    'viewerOf',
    'readable',
    'viewOne',
  ]);
  reads.viewerOf.mockImplementation(async credentials => {
    const actor = principalRef(credentials);
    return { actor, groups: actor === PAT ? [PAT, TEAM] : [actor], scope };
  });
  reads.readable.mockImplementation(async id => {
    const found = stored.get(id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  });
  // what a view adds to a request is ApprovalReadAccess's, tested with it
  reads.viewOne.mockImplementation(
    async request => request as unknown as ApprovalRequestView,
  );
  const notifier = mockMethods<ApprovalNotifier>([
    'changed',
    'stageWaits',
    'decided',
  ]);
  const readiness = mockMethods<ReadinessService>(['getReadiness']);
  readiness.getReadiness.mockResolvedValue(blockedBySecurityReview(SERVICE));
  const commands = new ApprovalCommands({
    auth: mockServices.auth(),
    permissions,
    directory,
    readiness,
    store,
    config: { policies: options.policies ?? [policy], supersedeGroups: [] },
    reads,
    notifier,
  });
  const recordAudit = jest.fn(async () => {});
  return {
    commands,
    store,
    stored,
    directory,
    notifier,
    readiness,
    recordAudit,
  };
}

const asRita = mockCredentials.user(RITA);
const asPat = mockCredentials.user(PAT);
const asOlu = mockCredentials.user(OLU);

describe('ApprovalCommands.create', () => {
  it('stores the request under the frozen policy, audits and notifies its first stage', async () => {
    const { commands, store, notifier, recordAudit } = setUp();
    const before = Date.now();
    const view = await commands.create(body, asRita, recordAudit);

    const [request, created] = store.create.mock.calls[0];
    expect(request).toMatchObject({
      entityRef: SERVICE,
      title: 'Release 2.4',
      requester: RITA,
      state: INITIAL_APPROVAL_STATE,
      currentStage: 0,
      decisions: [],
      policy: { policyId: 'production', requesterCannotApprove: true },
    });
    expect(Date.parse(request.expiresAt!) - Date.parse(request.createdAt)).toBe(
      3_600_000,
    );
    expect(Date.parse(request.createdAt)).toBeGreaterThanOrEqual(before);
    expect(request.readinessAtCreation?.status).toBe('blocked');
    expect(created).toMatchObject({
      action: 'created',
      actor: RITA,
      data: {
        policy: 'production',
        readiness: 'blocked',
        contentDigest: requestContentDigest(request, sha256),
      },
    });
    expect(recordAudit).toHaveBeenCalledWith('approval-request-created', {
      requestId: request.id,
      entityRef: SERVICE,
      superseded: [],
    });
    expect(notifier.changed).toHaveBeenCalledWith(request.id);
    expect(notifier.stageWaits).toHaveBeenCalledWith(request, 0);
    expect(view.id).toBe(request.id);
  });

  it('still creates when readiness cannot be read, recording none', async () => {
    const { commands, store, readiness, recordAudit } = setUp();
    readiness.getReadiness.mockRejectedValueOnce(new Error('catalog down'));
    await commands.create(body, asRita, recordAudit);
    expect(store.create.mock.calls[0][0].readinessAtCreation).toBeUndefined();
  });

  it.each([
    ['title', { title: '  ' }, 'title: must not be blank'],
    ['environment', { environment: '' }, 'environment: must not be blank'],
    ['version', { version: ' ' }, 'version: must not be blank'],
    ['entityRef', { entityRef: 'not a ref' }, 'entityRef:'],
  ])(
    'refuses a blank or malformed %s with a 400, storing nothing',
    async (_, change, message) => {
      const { commands, store, recordAudit } = setUp();
      await expect(
        commands.create({ ...body, ...change }, asRita, recordAudit),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(store.create).not.toHaveBeenCalled();
      expect(recordAudit).not.toHaveBeenCalled();
    },
  );

  it('refuses with a 403 what the permission policy denies, before reading the catalog', async () => {
    const { commands, store, directory } = setUp({
      denied: [lockstepApprovalCreatePermission.name],
    });
    directory.entity.mockClear();
    await expect(
      commands.create(body, asRita, jest.fn()),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The permission policy does not allow you to create approval requests',
    });
    expect(directory.entity).not.toHaveBeenCalled();
    expect(store.create).not.toHaveBeenCalled();
  });

  it('refuses an entity the catalog does not have with a 404', async () => {
    const { commands, store } = setUp();
    await expect(
      commands.create(
        { ...body, entityRef: 'component:default/gone' },
        asRita,
        jest.fn(),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(store.create).not.toHaveBeenCalled();
  });

  it('names the config key when no policy covers the environment', async () => {
    const { commands, store } = setUp();
    await expect(
      commands.create({ ...body, environment: 'staging' }, asRita, jest.fn()),
    ).rejects.toThrow(
      "No approval policy applies to component:default/checkout in environment 'staging'; ask your platform team to add one under lockstep.approvals.policies",
    );
    expect(store.create).not.toHaveBeenCalled();
  });

  it('refuses a request whose quorum nobody could meet', async () => {
    const { commands, store } = setUp({ members: [RITA] });
    await expect(commands.create(body, asRita, jest.fn())).rejects.toThrow(
      /Policy 'production' cannot be satisfied for this request/,
    );
    expect(store.create).not.toHaveBeenCalled();
  });

  it('hands the store a supersede rule that refuses when the permission policy denies replacing', async () => {
    const { commands, store, notifier, recordAudit } = setUp({
      denied: [lockstepApprovalSupersedePermission.name],
    });
    const open = { id: 'open-1', environment: 'production' } as StoredRequest;
    store.create.mockImplementationOnce(async (_request, _audit, supersede) => {
      supersede(open);
      return [open.id];
    });
    await expect(commands.create(body, asRita, recordAudit)).rejects.toThrow(
      'Request open-1 for production is open, and the permission policy does not allow you to replace it',
    );
    expect(recordAudit).not.toHaveBeenCalled();
    expect(notifier.changed).not.toHaveBeenCalled();
  });
});

describe('ApprovalCommands.decide and cancel', () => {
  async function created(options?: Parameters<typeof setUp>[0]) {
    const parts = setUp(options);
    const view = await parts.commands.create(body, asRita, jest.fn());
    parts.notifier.changed.mockClear();
    parts.notifier.stageWaits.mockClear();
    return { ...parts, id: view.id };
  }

  it('refuses an approval of an entity that is not ready under a policy that requires it, writing nothing', async () => {
    const { commands, store, id } = await created({
      policies: [{ ...policy, requireReadiness: true }],
    });
    await expect(
      commands.decide(id, { decision: 'approve' }, asPat, jest.fn()),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'This policy approves only ready entities; component:default/checkout is blocked: Security review is not signed off',
    });
    expect(store.decide).not.toHaveBeenCalled();
  });

  it('refuses the requester before the store is asked', async () => {
    const { commands, store, id } = await created();
    await expect(
      commands.decide(id, { decision: 'approve' }, asRita, jest.fn()),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(store.decide).not.toHaveBeenCalled();
  });

  it('judges again on what the store holds: a request cancelled meanwhile is a 409, and nobody is told', async () => {
    const { commands, store, stored, notifier, id } = await created();
    store.decide.mockImplementationOnce(async (_id, decide) => {
      decide({ ...stored.get(id)!, state: 'cancelled' });
      throw new Error('the store must not get here');
    });
    await expect(
      commands.decide(id, { decision: 'approve' }, asPat, jest.fn()),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect(notifier.changed).not.toHaveBeenCalled();
  });

  it('announces the next stage when a decision passes one, and the outcome when it ends the request', async () => {
    const { commands, store, stored, notifier, id } = await created();
    store.decide.mockImplementation(async (_id, decide) => {
      const current = stored.get(id)!;
      const effect = decide(current);
      const updated = {
        ...current,
        state: effect.state,
        currentStage: effect.currentStage,
        decisions: [...current.decisions, effect.decision],
      };
      stored.set(id, updated);
      return updated;
    });
    const recordAudit = jest.fn(async () => {});
    await commands.decide(id, { decision: 'approve' }, asPat, recordAudit);
    expect(notifier.stageWaits).toHaveBeenCalledWith(
      expect.objectContaining({ currentStage: 1 }),
      1,
    );
    expect(notifier.decided).not.toHaveBeenCalled();
    expect(recordAudit).toHaveBeenCalledWith('approval-request-decided', {
      requestId: id,
      decision: 'approve',
      state: 'pending',
    });

    await commands.decide(
      id,
      { decision: 'reject', comment: 'not this week' },
      asOlu,
      recordAudit,
    );
    expect(notifier.decided).toHaveBeenCalledWith(
      expect.objectContaining({ state: 'rejected' }),
      OLU,
      'reject',
      'not this week',
    );
  });

  it('lets only the requester cancel, and only a request whose state takes it', async () => {
    const { commands, store, stored, id } = await created();
    await expect(
      commands.cancel(id, undefined, asPat, jest.fn()),
    ).rejects.toThrow('Only the requester can cancel a request');
    stored.set(id, { ...stored.get(id)!, state: 'approved' });
    await expect(
      commands.cancel(id, undefined, asRita, jest.fn()),
    ).rejects.toThrow(`Request ${id} is already approved`);
    expect(store.apply).not.toHaveBeenCalled();

    stored.set(id, { ...stored.get(id)!, state: INITIAL_APPROVAL_STATE });
    store.apply.mockResolvedValueOnce(stored.get(id)!);
    await commands.cancel(id, 'wrong version', asRita, jest.fn());
    expect(store.apply).toHaveBeenCalledWith(id, 'cancel', expect.any(String), {
      actor: RITA,
      data: { comment: 'wrong version' },
    });
  });
});
