import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The expected graph, computed straight from catalog entities without Lockstep's code: edges from
 * dependent to dependency (dependsOn, consumesApi, and API -> provider), then a plain closure.
 */
export function expectedGraph(
  entities: Entity[],
  root: string,
  direction: 'upstream' | 'downstream',
  hidden: (ref: string) => boolean = () => false,
) {
  const edges = new Set<string>();
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    for (const { type, targetRef } of entity.relations ?? []) {
      if (
        type === 'dependsOn' ||
        type === 'consumesApi' ||
        type === 'apiProvidedBy'
      )
        edges.add(`${self} ${targetRef}`);
      if (type === 'providesApi') edges.add(`${targetRef} ${self}`);
    }
  }
  const pairs = [...edges]
    .map(e => e.split(' ') as [string, string])
    .filter(([from, to]) => !hidden(from) && !hidden(to));
  const reached = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, to] of pairs) {
      const [near, far] = direction === 'upstream' ? [from, to] : [to, from];
      if (reached.has(near) && !reached.has(far)) {
        reached.add(far);
        grew = true;
      }
    }
  }
  const inside = pairs.filter(
    ([from, to]) => reached.has(from) && reached.has(to),
  );
  return {
    nodes: [...reached].sort(),
    edges: inside.map(([f, t]) => `${f} ${t}`).sort(),
  };
}
