import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { migrateDatabase } from '../database';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

const ROUNDS = 20;
const GRACE = 'user:default/grace.kim'; // product
const JAMES = 'user:default/james.wright'; // product
const CART = '/api/lockstep/readiness/component/default/cart-service';
const GATE = 'product-acceptance';
const as = (who: string) => mockCredentials.user.header(who);

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())(
  'sign-off races on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let stop: () => Promise<void>;

    const gateRow = () =>
      knex('readiness_gates')
        .where({ entity_ref: 'component:default/cart-service', gate_id: GATE })
        .first();
    const lastEvent = () =>
      knex('readiness_events')
        .where({ entity_ref: 'component:default/cart-service', gate_id: GATE })
        .orderBy('id', 'desc')
        .first();
    const shown = async () =>
      (
        await request(server).get(CART).set('Authorization', as(GRACE))
      ).body.gates.find((g: { id: string }) => g.id === GATE).status;
    const signOff = (who: string) =>
      request(server)
        .post(`${CART}/signoffs`)
        .set('Authorization', as(who))
        .send({ gateId: GATE, comment: `by ${who}` });
    const revoke = (who: string) =>
      request(server)
        .delete(`${CART}/signoffs/${GATE}`)
        .set('Authorization', as(who))
        .send({ comment: `withdrawn by ${who}` });

    const signals: Array<{ channel: string; message: unknown }> = [];
    const recordingSignals = createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => ({
        publish: async ({ channel, message }: any) => {
          signals.push({ channel, message });
        },
      }),
    });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const started = await startSampleCatalogBackend({
        lockstepDatabase: knex,
        features: [recordingSignals],
      });
      server = started.server;
      stop = () => started.backend.stop();
      // cart-service evaluated once, as opening its page would, before any test counts signals
      await shown();
    });
    afterAll(async () => {
      await stop();
      await knex.destroy();
    });

    it('sign-off against revoke: the state stored, shown and last recorded agree', async () => {
      expect((await signOff(GRACE)).status).toBe(200);
      const outcomes = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        // start each round signed off, so that both actions are valid
        expect((await signOff(GRACE)).status).toBe(200);
        const [signed, revoked] = await Promise.all([
          signOff(GRACE),
          revoke(JAMES),
        ]);
        expect(signed.status).toBe(200);
        expect([200, 409]).toContain(revoked.status);
        const row = await gateRow();
        const event = await lastEvent();
        expect(row.status).toBe(
          event.kind === 'revoked' ? 'pending' : 'passed',
        );
        expect(await shown()).toBe(row.status);
        const order = `${event.kind} last, revoke ${revoked.status}`;
        outcomes.set(order, (outcomes.get(order) ?? 0) + 1);
      }
      // eslint-disable-next-line no-console
      console.log(`sign-off against revoke on ${databaseId}:`, outcomes);
    });

    it('tells open pages of every change, naming no entity', async () => {
      const readinessSignals = () =>
        signals.filter(s => s.channel === 'lockstep-readiness');
      const before = readinessSignals().length;
      expect((await signOff(GRACE)).status).toBe(200);
      expect((await revoke(JAMES)).status).toBe(200);
      const sent = readinessSignals().slice(before);
      expect(sent).toHaveLength(2);
      for (const { message } of sent) {
        expect(Object.keys(message as object)).toEqual(['at']);
      }
    });

    it('shows a change whose transaction commits after a later one', async () => {
      if (!String(knex.client.config.client).match(/pg/)) return; // SQLite writes one at a time
      expect((await signOff(GRACE)).status).toBe(200);
      expect(await shown()).toBe('passed');
      // a revoke whose commit is held back while a later event commits
      const held = await knex.transaction();
      await held('readiness_gates')
        .where({ entity_ref: 'component:default/cart-service', gate_id: GATE })
        .update({ status: 'pending', detail: 'Revoked by a slow replica' });
      await held('readiness_events').insert({
        entity_ref: 'component:default/cart-service',
        gate_id: GATE,
        kind: 'revoked',
        status: 'pending',
        actor: JAMES,
        comment: 'slow',
        detail: 'Revoked by a slow replica',
        at: new Date().toISOString(),
      });
      const later = await request(server)
        .post(
          '/api/lockstep/readiness/component/default/ledger-service/signoffs',
        )
        .set('Authorization', as('user:default/rachel.cohen'))
        .send({ gateId: 'security-review' });
      expect(later.status).toBe(200);
      expect(await shown()).toBe('passed'); // the held change is not committed yet
      await held.commit();
      expect(await shown()).toBe('pending');
    });
  },
);

describe.each(databases.eachSupportedId())(
  'first evaluation against first sign-off on %s',
  databaseId => {
    it('never undoes a sign-off with the pending state of a gate seen for the first time', async () => {
      const knex = await databases.init(databaseId);
      const store = DatabaseReadinessStore.create({
        knex: await migrateDatabase(mockServices.database({ knex })),
      });
      for (let round = 0; round < ROUNDS; round++) {
        const entityRef = `component:default/new-${round}`;
        await Promise.all([
          store.applyEvaluations(
            [
              {
                entityRef,
                outcomes: [{ gateId: 'acceptance', type: 'signoff' }],
              },
            ],
            new Date().toISOString(),
          ),
          store.signOff(entityRef, 'acceptance', {
            signedBy: GRACE,
            signedAt: new Date().toISOString(),
          }),
        ]);
        const [gate] = await store.listGates([entityRef]);
        expect(gate.status).toBe('passed');
        const [latest] = await store.history(entityRef);
        expect(latest.kind).toBe('signed-off');
      }
      await knex.destroy();
    });
  },
);
