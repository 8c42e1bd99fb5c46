import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  idealGraph,
  answeredGraph,
  readableTopology,
} from './__testUtils__/readableGraph';
import { GRACE, NINA, TOM } from './__testUtils__/readScopeCatalog';
import { describeReadScope, ReadScope } from './__testUtils__/readScopeBackend';

describeReadScope(
  'what a restricted caller learns, on %s',
  (scope: ReadScope) => {
    const { entities, get, hiddenSet, readableOf, inWalks } = scope;

    it('walks, caps and counts the graph inside what the caller may read', async () => {
      let compared = 0;
      for (const who of [NINA, TOM]) {
        const hidden = hiddenSet(who);
        const topology = readableTopology(entities, hidden);
        for (const entity of readableOf(who).filter(inWalks)) {
          const root = stringifyEntityRef(entity);
          const queries = [
            { direction: 'upstream', depth: 0, maxNodes: 400 },
            { direction: 'downstream', depth: 0, maxNodes: 400 },
            { direction: 'both', depth: 1, maxNodes: 400 },
            {
              direction: 'upstream',
              depth: 0,
              maxNodes: 400,
              kinds: ['Component'],
            },
          ] as const;
          for (const query of queries) {
            const answer = await get(
              who,
              `/graph?entityRef=${root}&direction=${query.direction}&depth=${
                query.depth
              }&maxNodes=${query.maxNodes}${
                'kinds' in query ? `&kinds=${query.kinds.join(',')}` : ''
              }`,
            );
            expect(answer.status).toBe(200);
            expect({ root, query, ...answeredGraph(answer.body) }).toEqual({
              root,
              query,
              ...idealGraph(topology, root, {
                ...query,
                kinds: 'kinds' in query ? [...query.kinds] : undefined,
              }),
            });
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(200);
    });

    it('spends the node cap on readable entities alone', async () => {
      const root = 'component:default/web-storefront';
      const ideal = idealGraph(
        readableTopology(entities, hiddenSet(NINA)),
        root,
        {
          direction: 'upstream',
          depth: 0,
          maxNodes: 1000,
        },
      );
      const readable = ideal.nodes.length;
      // the unrestricted walk is larger: the cap would be spent on hidden entities otherwise
      const everything = await get(
        GRACE,
        `/graph?entityRef=${root}&direction=upstream&depth=0&maxNodes=1000`,
      );
      expect(everything.body.nodes.length).toBeGreaterThan(readable);
      for (const [maxNodes, truncated] of [
        [readable - 1, true],
        [readable, false],
      ] as const) {
        const answer = await get(
          NINA,
          `/graph?entityRef=${root}&direction=upstream&depth=0&maxNodes=${maxNodes}`,
        );
        expect(answer.body.truncated).toBe(truncated);
        expect(answer.body.nodes).toHaveLength(maxNodes);
        const more = answer.body.nodes.reduce(
          (sum: number, n: any) => sum + (n.more ?? 0),
          0,
        );
        // every left-out neighbour is one she may read
        expect(more > 0).toBe(truncated);
      }
    });
  },
);
