// A synthetic catalog of about 10,600 entities shaped like a large company's: 7,000 Components in 12
// dependency layers (about 2 dependsOn and 1.5 consumed APIs each, mostly one to three layers down),
// 2,000 APIs, 1,000 Resources, 60 Systems, 6 Domains, 200 Groups and 400 Users, a few back edges that
// make cycles and a few dependencies on entities that do not exist. Deterministic for a given seed.

const LAYERS = 12;

function random(seed) {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

export function generateCatalog({
  components = 7000,
  apis = 2000,
  resources = 1000,
  seed = 7,
} = {}) {
  const rnd = random(seed);
  const pick = list => list[Math.floor(rnd() * list.length)];
  const entities = [];
  const groups = Array.from(
    { length: 200 },
    (_, i) => `team-${String(i).padStart(3, '0')}`,
  );
  const domains = Array.from({ length: 6 }, (_, i) => `domain-${i}`);
  const systems = Array.from(
    { length: 60 },
    (_, i) => `system-${String(i).padStart(2, '0')}`,
  );

  for (const name of groups) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name },
      spec: { type: 'team', children: [] },
    });
  }
  for (let i = 0; i < 400; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: `user-${String(i).padStart(3, '0')}` },
      spec: {
        memberOf: [
          groups[i % groups.length],
          ...(i % 7 === 0 ? [pick(groups)] : []),
        ],
      },
    });
  }
  domains.forEach(name =>
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name },
      spec: { owner: pick(groups) },
    }),
  );
  systems.forEach((name, i) =>
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name },
      spec: { owner: pick(groups), domain: domains[i % domains.length] },
    }),
  );

  // Components by layer; layer 0 is the edge (websites), layer 11 the foundations.
  const layerOf = i => Math.floor((i * LAYERS) / components);
  const componentName = i => `svc-${String(i).padStart(4, '0')}`;
  const byLayer = Array.from({ length: LAYERS }, () => []);
  for (let i = 0; i < components; i++) byLayer[layerOf(i)].push(i);
  const deeper = layer => {
    const target = Math.min(
      LAYERS - 1,
      layer + 1 + Math.floor(rnd() * rnd() * 3),
    );
    return pick(byLayer[target]);
  };

  // Each API is provided by one component below the top layers.
  const apiProvider = Array.from({ length: apis }, () =>
    pick(byLayer[2 + Math.floor(rnd() * (LAYERS - 2))]),
  );
  const apisByLayer = Array.from({ length: LAYERS }, () => []);
  apiProvider.forEach((provider, api) =>
    apisByLayer[layerOf(provider)].push(api),
  );
  const apiName = i => `api-${String(i).padStart(4, '0')}`;
  const resourceName = i => `res-${String(i).padStart(4, '0')}`;

  const provides = new Map();
  apiProvider.forEach((provider, api) =>
    provides.set(provider, [...(provides.get(provider) ?? []), apiName(api)]),
  );

  for (let i = 0; i < components; i++) {
    const layer = layerOf(i);
    const dependsOn = new Set();
    if (layer < LAYERS - 1) {
      const count = 1 + Math.floor(rnd() * 3); // 1-3, about 2
      for (let k = 0; k < count; k++)
        dependsOn.add(`component:${componentName(deeper(layer))}`);
    }
    if (rnd() < 0.6)
      dependsOn.add(`resource:${resourceName(Math.floor(rnd() * resources))}`);
    if (i % 350 === 0 && layer > 2)
      dependsOn.add(`component:${componentName(pick(byLayer[layer - 2]))}`); // back edge: cycles
    if (i % 700 === 1) dependsOn.add(`component:retired-${i}`); // an entity that does not exist
    const consumes = new Set();
    const apiCount = Math.floor(rnd() * 3); // 0-2, about 1.5 with the next line
    for (let k = 0; k < apiCount + (rnd() < 0.5 ? 1 : 0); k++) {
      const candidates =
        apisByLayer[Math.min(LAYERS - 1, layer + 1 + Math.floor(rnd() * 3))];
      if (candidates.length) consumes.add(apiName(pick(candidates)));
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: componentName(i),
        title: `Service ${i}`,
        description: `Synthetic service ${i} in layer ${layer}`,
        tags: ['synthetic', `layer-${layer}`],
      },
      spec: {
        type: layer === 0 ? 'website' : 'service',
        lifecycle: rnd() < 0.85 ? 'production' : 'experimental',
        owner: groups[i % groups.length],
        system: systems[i % systems.length],
        dependsOn: [...dependsOn],
        consumesApis: [...consumes],
        providesApis: provides.get(i) ?? [],
      },
    });
  }
  for (let i = 0; i < apis; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: apiName(i) },
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: groups[apiProvider[i] % groups.length],
        system: systems[apiProvider[i] % systems.length],
        definition: 'openapi: 3.0.0',
      },
    });
  }
  for (let i = 0; i < resources; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: resourceName(i) },
      spec: { type: 'database', owner: pick(groups), system: pick(systems) },
    });
  }
  return entities;
}

/**
 * Closure sizes of every Component upstream or downstream (dependsOn, consumed APIs, their providers),
 * to pick roots whose answers have a given size.
 */
export function closureSizes(entities, direction) {
  const next = new Map();
  const add = (from, to) =>
    direction === 'upstream'
      ? next.set(from, [...(next.get(from) ?? []), to])
      : next.set(to, [...(next.get(to) ?? []), from]);
  for (const e of entities) {
    const self = `${e.kind.toLowerCase()}:default/${e.metadata.name}`;
    for (const d of e.spec?.dependsOn ?? [])
      add(self, d.includes('/') ? d : d.replace(':', ':default/'));
    for (const a of e.spec?.consumesApis ?? []) add(self, `api:default/${a}`);
    for (const a of e.spec?.providesApis ?? []) add(`api:default/${a}`, self);
  }
  const size = root => {
    const seen = new Set([root]);
    const queue = [root];
    while (queue.length)
      for (const n of next.get(queue.pop()) ?? [])
        if (!seen.has(n)) seen.add(n), queue.push(n);
    return seen.size;
  };
  return entities
    .filter(e => e.kind === 'Component')
    .map(e => {
      const ref = `component:default/${e.metadata.name}`;
      return { ref, direction, size: size(ref) };
    });
}
