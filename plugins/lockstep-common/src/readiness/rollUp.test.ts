import { Entity } from '@backstage/catalog-model';
import { buildGraphTopology } from '../graph/topology';
import {
  findBlockers,
  gateStatusAt,
  OwnReadiness,
  ownReadiness,
  rollUpReadiness,
} from './rollUp';
import { ReadinessStatus } from './types';

const ref = (name: string) =>
  name.includes(':') ? name : `component:default/${name}`;

function component(
  name: string,
  links: {
    dependsOn?: string[];
    consumesApi?: string[];
    partOf?: string[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    relations: [
      ...(links.dependsOn ?? []).map(t => ({
        type: 'dependsOn',
        targetRef: ref(t),
      })),
      ...(links.consumesApi ?? []).map(t => ({
        type: 'consumesApi',
        targetRef: `api:default/${t}`,
      })),
      ...(links.partOf ?? []).map(t => ({ type: 'partOf', targetRef: t })),
      { type: 'ownedBy', targetRef: 'group:default/team-x' },
    ],
  };
}

function api(name: string, providedBy: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    relations: [{ type: 'apiProvidedBy', targetRef: ref(providedBy) }],
  };
}

/** Rolls up with own statuses given by name (everything else ready) and answers statuses by name. */
function rollUp(entities: Entity[], own: Record<string, OwnReadiness>) {
  const topology = buildGraphTopology(entities);
  const ownByNode = topology.nodes.map(node => own[node.name] ?? 'ready');
  const statuses = rollUpReadiness(topology, ownByNode);
  const byName: Record<string, ReadinessStatus> = {};
  topology.nodes.forEach((node, i) => {
    byName[node.name] = statuses[i];
  });
  const blockersOf = (name: string) =>
    findBlockers(topology, ownByNode, topology.indexOf(ref(name))!).map(b => ({
      blocker: topology.nodes[b.node].name,
      path: b.path.map(n => topology.nodes[n].name),
    }));
  return { byName, blockersOf, topology };
}

describe('rollUpReadiness', () => {
  it('blocks everything downstream of a not-ready entity along a 5-deep chain', () => {
    const chain = [
      component('a', { dependsOn: ['b'] }),
      component('b', { dependsOn: ['c'] }),
      component('c', { dependsOn: ['d'] }),
      component('d', { dependsOn: ['e'] }),
      component('e'),
    ];
    const { byName, blockersOf } = rollUp(chain, { d: 'not-ready' });
    expect(byName).toEqual({
      a: 'blocked',
      b: 'blocked',
      c: 'blocked',
      d: 'not-ready',
      e: 'ready',
    });
    expect(blockersOf('a')).toEqual([
      { blocker: 'd', path: ['a', 'b', 'c', 'd'] },
    ]);
    expect(blockersOf('e')).toEqual([]);
  });

  it('finds blockers only through what it may enter, as a restricted reader would', () => {
    const entities = [
      component('a', { dependsOn: ['hidden', 'b'] }),
      component('hidden', { dependsOn: ['c'] }),
      component('b', { dependsOn: ['c'] }),
      component('c'),
    ];
    const topology = buildGraphTopology(entities);
    const own = topology.nodes.map(node =>
      node.name === 'hidden' || node.name === 'c' ? 'not-ready' : 'ready',
    ) as OwnReadiness[];
    const hidden = topology.indexOf(ref('hidden'))!;
    const names = (found: ReturnType<typeof findBlockers>) =>
      found.map(b => b.path.map(n => topology.nodes[n].name).join('>'));
    expect(
      names(findBlockers(topology, own, topology.indexOf(ref('a'))!)),
    ).toEqual(['a>hidden', 'a>hidden>c']);
    // c is still found, by the path a reader may follow
    expect(
      names(
        findBlockers(
          topology,
          own,
          topology.indexOf(ref('a'))!,
          50,
          node => node !== hidden,
        ),
      ),
    ).toEqual(['a>b>c']);
  });

  it('names every blocker nearest first, also one behind another', () => {
    const chain = [
      component('a', { dependsOn: ['b'] }),
      component('b', { dependsOn: ['c'] }),
      component('c'),
    ];
    const { byName, blockersOf } = rollUp(chain, {
      b: 'not-ready',
      c: 'not-ready',
    });
    expect(byName).toMatchObject({
      a: 'blocked',
      b: 'not-ready',
      c: 'not-ready',
    });
    expect(blockersOf('a').map(b => b.blocker)).toEqual(['b', 'c']);
  });

  it('reports a diamond bottom once, through the shortest path', () => {
    const diamond = [
      component('top', { dependsOn: ['left', 'right'] }),
      component('left', { dependsOn: ['bottom'] }),
      component('right', { dependsOn: ['bottom'] }),
      component('bottom'),
    ];
    const { byName, blockersOf } = rollUp(diamond, { bottom: 'not-ready' });
    expect(byName).toMatchObject({
      top: 'blocked',
      left: 'blocked',
      right: 'blocked',
    });
    expect(blockersOf('top')).toEqual([
      { blocker: 'bottom', path: ['top', 'left', 'bottom'] },
    ]);
  });

  it('ends on a cycle: ready members stay ready, a not-ready member blocks the others', () => {
    const cycle = [
      component('x', { dependsOn: ['y'] }),
      component('y', { dependsOn: ['z'] }),
      component('z', { dependsOn: ['x'] }),
      component('outside', { dependsOn: ['x'] }),
    ];
    expect(rollUp(cycle, {}).byName).toEqual({
      x: 'ready',
      y: 'ready',
      z: 'ready',
      outside: 'ready',
    });
    const { byName, blockersOf } = rollUp(cycle, { y: 'not-ready' });
    expect(byName).toEqual({
      x: 'blocked',
      y: 'not-ready',
      z: 'blocked',
      outside: 'blocked',
    });
    expect(blockersOf('z')).toEqual([{ blocker: 'y', path: ['z', 'x', 'y'] }]);
    // y is not blocked by itself through the cycle: its own gates are what fail
    expect(blockersOf('y')).toEqual([]);
  });

  it('counts a missing dependency as not ready and names it', () => {
    const entities = [component('payouts', { dependsOn: ['bank-connector'] })];
    const { byName, blockersOf } = rollUp(entities, {});
    expect(byName).toEqual({
      payouts: 'blocked',
      'bank-connector': 'not-ready',
    });
    expect(blockersOf('payouts')).toEqual([
      { blocker: 'bank-connector', path: ['payouts', 'bank-connector'] },
    ]);
  });

  it('follows consumed APIs to their providers, but not system membership', () => {
    const entities = [
      component('shop', {
        consumesApi: ['pay-api'],
        partOf: ['system:default/big'],
      }),
      api('pay-api', 'payments'),
      component('payments'),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'big', namespace: 'default' },
        relations: [{ type: 'hasPart', targetRef: ref('shop') }],
      } as Entity,
    ];
    const { byName, blockersOf } = rollUp(entities, {
      payments: 'not-ready',
      big: 'unknown',
    });
    expect(byName.shop).toBe('blocked');
    expect(blockersOf('shop')[0].path).toEqual(['shop', 'pay-api', 'payments']);
    // the system contains the shop, it does not depend on it being ready
    expect(byName.big).toBe('unknown');
  });

  it('keeps not-ready and unknown entities as they are, and at-risk turns blocked', () => {
    const entities = [
      component('risky', { dependsOn: ['broken'] }),
      component('untracked', { dependsOn: ['broken'] }),
      component('broken'),
    ];
    const { byName } = rollUp(entities, {
      risky: 'at-risk',
      untracked: 'unknown',
      broken: 'not-ready',
    });
    expect(byName).toEqual({
      risky: 'blocked',
      untracked: 'unknown',
      broken: 'not-ready',
    });
  });

  it('walks through an unknown entity to the blocker behind it', () => {
    const entities = [
      component('a', { dependsOn: ['lib'] }),
      component('lib', { dependsOn: ['db'] }),
      component('db'),
    ];
    const { byName } = rollUp(entities, { lib: 'unknown', db: 'not-ready' });
    expect(byName.a).toBe('blocked');
  });

  it('handles a self-loop', () => {
    const { byName } = rollUp([component('me', { dependsOn: ['me'] })], {});
    expect(byName.me).toBe('ready');
  });
});

describe('ownReadiness', () => {
  it('needs every required gate to pass; optional ones never count', () => {
    expect(ownReadiness(undefined)).toBe('unknown');
    expect(ownReadiness([])).toBe('ready');
    expect(
      ownReadiness([
        { required: true, status: 'passed' },
        { required: false, status: 'failed' },
      ]),
    ).toBe('ready');
    expect(
      ownReadiness([
        { required: true, status: 'passed' },
        { required: true, status: 'expiring' },
      ]),
    ).toBe('at-risk');
    for (const status of ['failed', 'error', 'pending', 'expired'] as const) {
      expect(ownReadiness([{ required: true, status }])).toBe('not-ready');
    }
  });
});

describe('gateStatusAt', () => {
  const day = 86_400_000;
  const now = Date.parse('2026-11-23T12:00:00Z');
  const signoff = (expiresAt: string) => ({
    type: 'signoff' as const,
    status: 'passed' as const,
    expiresAt,
  });

  it('expires sign-offs at their expiry and warns before', () => {
    expect(gateStatusAt(signoff('2026-12-30T00:00:00Z'), now, 7 * day)).toBe(
      'passed',
    );
    expect(gateStatusAt(signoff('2026-11-29T00:00:00Z'), now, 7 * day)).toBe(
      'expiring',
    );
    expect(gateStatusAt(signoff('2026-11-23T12:00:00Z'), now, 7 * day)).toBe(
      'expired',
    );
  });

  it('leaves checks and unsigned gates as stored', () => {
    expect(gateStatusAt({ type: 'check', status: 'failed' }, now, day)).toBe(
      'failed',
    );
    expect(gateStatusAt({ type: 'signoff', status: 'pending' }, now, day)).toBe(
      'pending',
    );
  });
});
