import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { buildGraphTopology } from '@lockstep/backstage-plugin-lockstep-common';
import { CatalogReadAccess } from '../access/catalogAccess';
import { GraphIndex, GraphSnapshot } from './GraphIndex';
import { GraphRequest, GraphService } from './GraphService';
import { GraphJsonWriter } from './serialiseGraph';

const component = (name: string, dependsOn: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  relations: dependsOn.map(target => ({
    type: 'dependsOn',
    targetRef: `component:default/${target}`,
  })),
});

// a → b → c, a → secret → d
const entities = [
  component('a', ['b', 'secret']),
  component('b', ['c']),
  component('c', []),
  component('secret', ['d']),
  component('d', []),
];
const snapshotAt = (iso: string): GraphSnapshot => {
  const topology = buildGraphTopology(entities);
  return {
    topology,
    indexedAt: new Date(iso),
    json: new GraphJsonWriter(topology),
  };
};

const request = (overrides: Partial<GraphRequest> = {}): GraphRequest => ({
  entityRef: 'component:default/a',
  direction: 'upstream',
  depth: 0,
  relations: ['dependsOn'],
  maxNodes: 500,
  ...overrides,
});

function setUp() {
  let snapshot = snapshotAt('2026-11-24T00:00:00Z');
  let decision: AuthorizeResult = AuthorizeResult.ALLOW;
  const index = { current: async () => snapshot } as unknown as GraphIndex;
  const permissions = mockServices.permissions.mock({
    authorizeConditional: jest.fn(
      async (): Promise<QueryPermissionResponse[]> => [
        decision === AuthorizeResult.CONDITIONAL
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_KIND',
                resourceType: 'catalog-entity',
                params: { kinds: ['component'] },
              },
            }
          : {
              result: decision as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
            },
      ],
    ),
  });

  // under a conditional decision, the caller may read everything but `secret`
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      items: entityRefs.map(ref =>
        ref.endsWith('/secret')
          ? undefined
          : {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: ref },
            },
      ),
    })),
  });

  const service = new GraphService(
    index,
    new CatalogReadAccess(catalog, permissions),
  );
  const credentials = mockCredentials.user();
  const refs = async (overrides?: Partial<GraphRequest>) =>
    JSON.parse(
      (
        await service.getGraph(request(overrides), credentials)
      ).bytes.toString(),
    ).nodes.map((n: { name: string }) => n.name);
  return {
    service,
    credentials,
    permissions,
    refs,
    setSnapshot: (iso: string) => {
      snapshot = snapshotAt(iso);
    },
    setDecision: (result: AuthorizeResult) => {
      decision = result;
    },
  };
}

describe('GraphService', () => {
  it('keeps an answer for callers allowed to read everything, still deciding permission each time', async () => {
    const { service, credentials, permissions } = setUp();
    const first = await service.getGraph(request(), credentials);
    const again = await service.getGraph(
      request({ entityRef: 'Component:default/A' }),
      credentials,
    );
    expect(again).toBe(first);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
    // another query is another answer
    const capped = await service.getGraph(
      request({ maxNodes: 2 }),
      credentials,
    );
    expect(capped).not.toBe(first);
    expect(JSON.parse(capped.bytes.toString()).truncated).toBe(true);
  });

  it('answers from a new index snapshot once there is one', async () => {
    const { service, credentials, setSnapshot } = setUp();
    const first = await service.getGraph(request(), credentials);
    setSnapshot('2026-11-24T00:00:30Z');
    const next = await service.getGraph(request(), credentials);
    expect(next).not.toBe(first);
    expect(JSON.parse(next.bytes.toString()).indexedAt).toBe(
      '2026-11-24T00:00:30.000Z',
    );
  });

  it('never hands a kept answer to a conditional or denied caller', async () => {
    const { service, credentials, refs, setDecision } = setUp();
    expect((await refs()).sort()).toEqual(['a', 'b', 'c', 'd', 'secret']);

    setDecision(AuthorizeResult.CONDITIONAL);
    // neither the hidden entity nor what is reachable only through it
    expect((await refs()).sort()).toEqual(['a', 'b', 'c']);
    const conditional = await service.getGraph(request(), credentials);
    expect(await service.getGraph(request(), credentials)).not.toBe(
      conditional,
    );

    setDecision(AuthorizeResult.DENY);
    await expect(service.getGraph(request(), credentials)).rejects.toThrow(
      NotFoundError,
    );

    setDecision(AuthorizeResult.ALLOW);
    expect((await refs()).sort()).toEqual(['a', 'b', 'c', 'd', 'secret']);
  });
});
