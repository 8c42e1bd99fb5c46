import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  describeReadiness,
  EntityReadiness,
  findBlockers,
  ownReadiness,
  OwnReadiness,
  readinessUpstream,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { Server } from 'node:http';
import request from 'supertest';
import { readableTopology } from './__testUtils__/readableGraph';
import { CARLOS, GRACE, NINA, TOM } from './__testUtils__/readScopeCatalog';
import { describeReadScope, ReadScope } from './__testUtils__/readScopeBackend';

describeReadScope(
  'what a restricted caller learns, on %s',
  (scope: ReadScope) => {
    const {
      bearer,
      entities,
      get,
      post,
      hiddenSet,
      readableOf,
      inWalks,
      refPath,
      requests,
      seen,
    } = scope;
    let server: Server;
    beforeAll(() => {
      ({ server } = scope);
    });

    it('names, counts and routes through only readable blockers, on the entity and on the board', async () => {
      const unrestricted = new Map<string, EntityReadiness>();
      for (const entity of entities.filter(inWalks)) {
        const ref = stringifyEntityRef(entity);
        const answer = await request(server)
          .get(`/api/lockstep/readiness/${refPath(ref)}`)
          .set('Authorization', await bearer(GRACE));
        expect(answer.status).toBe(200);
        unrestricted.set(ref, answer.body);
      }
      const teamTitles = new Map(
        entities
          .filter(e => e.kind === 'Group')
          .map(e => [stringifyEntityRef(e), e.metadata.title]),
      );
      const titleOf = (ref: string) => teamTitles.get(ref);
      let withHidden = 0;
      for (const who of [NINA, TOM]) {
        const topology = readableTopology(entities, hiddenSet(who));
        const own: OwnReadiness[] = topology.nodes.map(node => {
          const full = unrestricted.get(node.entityRef);
          return full?.profile ? ownReadiness(full.gates) : 'unknown';
        });
        const answers = new Map<string, EntityReadiness>();
        for (const entity of readableOf(who).filter(inWalks)) {
          const ref = stringifyEntityRef(entity);
          const answer = await get(who, `/readiness/${refPath(ref)}`);
          expect(answer.status).toBe(200);
          const mine: EntityReadiness = answer.body;
          const full = unrestricted.get(ref)!;
          answers.set(ref, mine);

          const ideal = findBlockers(topology, own, topology.indexOf(ref)!);
          const idealRefs = ideal.map(b => topology.nodes[b.node].entityRef);
          const hiddenBlockers = full.blockedBy.some(
            b => !idealRefs.includes(b.entityRef),
          );
          if (hiddenBlockers) withHidden++;
          // the same blockers, each at the distance of the shortest readable path
          expect({
            ref,
            blockers: mine.blockedBy
              .map(b => `${b.entityRef} ${b.path.length}`)
              .sort(),
            hiddenBlockers: mine.hiddenBlockers ?? false,
          }).toEqual({
            ref,
            blockers: ideal
              .map(b => `${topology.nodes[b.node].entityRef} ${b.path.length}`)
              .sort(),
            hiddenBlockers,
          });
          for (const blocker of mine.blockedBy) {
            // what it says of each blocker is what a reader of everything is told of it
            const { path: _p, ...rest } = blocker;
            const { path: _q, ...expected } = full.blockedBy.find(
              b => b.entityRef === blocker.entityRef,
            )!;
            expect(rest).toEqual(expected);
            // and its path is a path through readable entities
            for (let i = 1; i < blocker.path.length; i++) {
              const from = topology.indexOf(blocker.path[i - 1])!;
              expect(
                readinessUpstream(topology, from).map(
                  n => topology.nodes[n].entityRef,
                ),
              ).toContain(blocker.path[i]);
            }
          }
          expect(mine.status).toBe(full.status);
          expect(mine.reason).toBe(
            describeReadiness(
              {
                status: mine.status,
                gates: mine.gates,
                blockedBy: mine.blockedBy,
                hiddenBlockers,
              },
              titleOf,
            ),
          );
        }

        // the board: the same rows the entity answers give, for every owner
        for (const team of teamTitles.keys()) {
          const board = await get(who, `/readiness?owner=${team}`);
          expect(board.status).toBe(200);
          const expectedRows = [...answers.values()]
            .filter(a => a.profile && a.owner === team)
            .map(a => a.entityRef)
            .sort();
          expect(board.body.items.map((i: any) => i.entityRef).sort()).toEqual(
            expectedRows,
          );
          expect(board.body.total).toBe(expectedRows.length);
          for (const item of board.body.items) {
            const mine = answers.get(item.entityRef)!;
            expect(item.status).toBe(mine.status);
            expect(item.hiddenBlockers ?? false).toBe(
              mine.hiddenBlockers ?? false,
            );
            expect(item.blockedBy.length).toBe(
              Math.min(3, mine.blockedBy.length),
            );
            const named = new Set(mine.blockedBy.map(b => b.entityRef));
            for (const b of item.blockedBy)
              expect(named).toContain(b.entityRef);
          }
        }

        // statuses of everything asked: the readable ones alone
        const statuses = await post(who, '/readiness/statuses', {
          entityRefs: entities.filter(inWalks).map(e => stringifyEntityRef(e)),
        });
        expect(Object.keys(statuses.body.statuses).sort()).toEqual(
          readableOf(who)
            .filter(inWalks)
            .map(e => stringifyEntityRef(e))
            .sort(),
        );
      }
      // the sample is one where hidden entities do block readable ones, for both users
      expect(withHidden).toBeGreaterThan(5);
      // and where a reader is told the names she may read (the scan has something to find)
      expect(
        seen
          .get(TOM)!
          .some(r => r.text.includes('"component:default/payment-gateway"')),
      ).toBe(true);
      const exporter = (
        await get(NINA, '/readiness/component/default/data-exporter')
      ).body;
      expect(exporter).toMatchObject({
        status: 'blocked',
        reason: 'Blocked by a dependency you cannot see',
        blockedBy: [],
        hiddenBlockers: true,
      });
    });

    it('shows the readiness frozen on a request as each reader may see it', async () => {
      const id = requests.checkout;
      const full = (
        await request(server)
          .get(`/api/lockstep/approvals/${id}`)
          .set('Authorization', await bearer(GRACE))
      ).body.readinessAtCreation;
      expect(full.blockedBy.map((b: any) => b.entityRef)).toEqual(
        expect.arrayContaining([
          'component:default/payment-gateway',
          'resource:default/checkout-db',
        ]),
      );
      for (const who of [NINA, TOM]) {
        const hidden = hiddenSet(who);
        const view = (await get(who, `/approvals/${id}`)).body
          .readinessAtCreation;
        const readableFull = full.blockedBy.filter((b: any) =>
          b.path.every((ref: string) => !hidden.has(ref)),
        );
        expect(view.blockedBy.map((b: any) => b.entityRef)).toEqual(
          readableFull.map((b: any) => b.entityRef),
        );
        expect(view.hiddenBlockers).toBe(true);
        expect(view.status).toBe(full.status);
        // the same in every list it appears in
        const listed = (
          await get(
            who,
            `/approvals?entityRef=component:default/checkout-service`,
          )
        ).body.items.find((r: any) => r.id === id);
        expect(listed.readinessAtCreation).toEqual(view);
      }
    });

    it('refuses an approval on readiness in words the approver may read', async () => {
      const refused = await post(
        CARLOS,
        `/approvals/${requests.canary}/decisions`,
        {
          decision: 'approve',
          comment: 'Ship it',
        },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        'This policy approves only ready entities; component:default/data-exporter is blocked: Blocked by a dependency you cannot see',
      );
    });
  },
);
