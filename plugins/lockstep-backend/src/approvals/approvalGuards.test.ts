import { mockCredentials } from '@backstage/backend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { Knex } from 'knex';
import fs from 'node:fs';
import http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  sampleLockstepConfig,
  startSampleCatalogBackend,
} from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { waitForTeam, writeTestTeam } from '../__testUtils__/testTeam';

const user = (name: string) => `user:default/${name}`;
const DANIEL = user('daniel.okafor'); // checkout, which owns cart-service and order-service
const SOFIA = user('sofia.martinez'); // checkout
const FELIX = user('felix.braun'); // checkout
const TOM = user('tom.nguyen'); // storefront
const RACHEL = user('rachel.cohen'); // security, an approver of production releases
const LI = user('li.wei'); // platform-sre, named in supersedeGroups
const PRIYA = user('priya.sharma'); // payments
const MARCUS = user('marcus.chen'); // payments
const GUEST = 'user:development/guest';

const sample = sampleLockstepConfig().approvals;
const PAGED = 230;

/**
 * What approvals must keep whoever calls: nobody ends someone else's request, the audit proves the
 * stored state, a long poll ends and holds nothing when its client leaves, lists say when they cut,
 * and the requester hears the outcome.
 */
const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())(
  'approval guards on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let stop: () => Promise<void>;
    let dir: string;
    let team: ReturnType<typeof writeTestTeam>;

    const as = (who: string) =>
      who === 'pipeline'
        ? mockCredentials.service.header()
        : mockCredentials.user.header(who);
    const create = (who: string, body: Record<string, unknown>) =>
      request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', as(who))
        .send(body);
    const release = (
      entity: string,
      environment: string,
      version = '1.0.0',
    ) => ({
      entityRef: entity.includes(':') ? entity : `component:default/${entity}`,
      title: `Release ${entity} ${version}`,
      environment,
      version,
    });
    const decide = (who: string, id: string, decision = 'approve') =>
      request(server)
        .post(`/api/lockstep/approvals/${id}/decisions`)
        .set('Authorization', as(who))
        .send({ decision, comment: 'As agreed' });
    const get = (who: string, p: string) =>
      request(server).get(`/api/lockstep${p}`).set('Authorization', as(who));
    const notificationTitles = async (who: string): Promise<string[]> => {
      const answer = await request(server)
        .get('/api/notifications/notifications?limit=100')
        .set('Authorization', as(who));
      return (answer.body.notifications ?? []).map(
        (n: { payload: { title: string } }) => n.payload.title,
      );
    };
    const rows = async () => ({
      requests: Number(
        (await knex('approval_requests').count({ n: '*' }).first())!.n,
      ),
      audit: Number(
        (await knex('approval_audit').count({ n: '*' }).first())!.n,
      ),
    });

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-guards-'));
      team = writeTestTeam(dir, 'pagers', 2);
      knex = await databases.init(databaseId);
      const started = await startSampleCatalogBackend({
        lockstepDatabase: knex,
        extraLocations: [team.file],
        features: [notificationsPlugin],
        approvals: {
          ...sample,
          supersedeGroups: ['group:default/platform-sre'],
          policies: [
            {
              id: 'any-environment',
              title: 'Any environment of the pagers',
              filter: { kind: ['Component'] },
              environments: Array.from(
                { length: PAGED },
                (_, i) => `e-${String(i).padStart(3, '0')}`,
              ),
              stages: [
                {
                  name: 'Pagers',
                  rules: [{ group: 'pagers', minApprovals: 1 }],
                },
              ],
            },
            ...sample.policies,
          ],
        },
      });
      server = started.server;
      stop = () => started.backend.stop();
      await waitForTeam(server, 'pagers', 2);
    });
    afterAll(async () => {
      await stop();
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lets only the requester, the owners and the named admins replace an open request', async () => {
      const open = await create(DANIEL, release('cart-service', 'staging'));
      expect(open.status).toBe(201);
      const before = await rows();
      for (const outsider of [TOM, GUEST, 'pipeline', PRIYA]) {
        const refused = await create(
          outsider,
          release('cart-service', 'Staging', '9.9.9'),
        );
        expect([outsider, refused.status]).toEqual([outsider, 403]);
        expect(refused.body.error.message).toContain(open.body.id);
        expect(refused.body.error.message).toMatch(/only its requester/);
      }
      expect(await rows()).toEqual(before);
      expect((await get(DANIEL, `/approvals/${open.body.id}`)).body.state).toBe(
        'pending',
      );

      // an owner, then an admin, then the requester of the newest
      const bySofia = await create(
        SOFIA,
        release('cart-service', 'staging', '1.0.1'),
      );
      expect(bySofia.status).toBe(201);
      expect((await get(DANIEL, `/approvals/${open.body.id}`)).body.state).toBe(
        'superseded',
      );
      const byLi = await create(
        LI,
        release('cart-service', 'staging', '1.0.2'),
      );
      expect(byLi.status).toBe(201);
      expect(
        (await create(LI, release('cart-service', 'staging', '1.0.3'))).status,
      ).toBe(201);

      // a pipeline replaces its own request, and nobody else's
      const fromPipeline = await create(
        'pipeline',
        release('order-service', 'staging'),
      );
      expect(fromPipeline.status).toBe(201);
      expect(fromPipeline.body.requester).toBe('external:test-service');
      const again = await create(
        'pipeline',
        release('order-service', 'staging', '1.0.1'),
      );
      expect(again.status).toBe(201);
      expect(
        (await create(RACHEL, release('order-service', 'staging', '2'))).status,
      ).toBe(403);
    });

    it('proves from the audit chain what the request row and the decisions say', async () => {
      const created = await create(
        PRIYA,
        release('refund-service', 'production'),
      );
      const id = created.body.id;
      expect((await decide(MARCUS, id)).body.currentStage).toBe(1);
      const verification = async () =>
        (await get(PRIYA, `/approvals/${id}/audit`)).body.verification;
      expect(await verification()).toEqual({ valid: true });

      const tamper = async (
        change: () => Promise<unknown>,
        undo: () => Promise<unknown>,
        problem: RegExp,
      ) => {
        await change();
        expect(await verification()).toMatchObject({
          valid: false,
          problem: expect.stringMatching(problem),
        });
        await undo();
        expect(await verification()).toEqual({ valid: true });
      };
      const row = () => knex('approval_requests').where({ id });
      await tamper(
        () => row().update({ state: 'approved' }),
        () => row().update({ state: 'pending' }),
        /says approved.*says pending/,
      );
      await tamper(
        () => row().update({ current_stage: 2 }),
        () => row().update({ current_stage: 1 }),
        /stage/,
      );
      await tamper(
        () => row().update({ version: '6.6.6' }),
        () => row().update({ version: '1.0.0' }),
        /changed after it was created/,
      );
      const decisions = () =>
        knex('approval_decisions').where({ request_id: id });
      await tamper(
        () => decisions().update({ actor: RACHEL }),
        () => decisions().update({ actor: MARCUS }),
        /does not match entry 2/,
      );
      await tamper(
        () =>
          knex('approval_decisions').insert({
            request_id: id,
            actor: user('aisha.khan'),
            decision: 'approve',
            stage: 1,
            groups: JSON.stringify(['group:default/security']),
            at: new Date().toISOString(),
          }),
        () =>
          decisions()
            .where({ actor: user('aisha.khan') })
            .delete(),
        /2 decisions.*records 1/,
      );
    });

    it('refuses waits that could never end, and lets go of clients that leave', async () => {
      const { body } = await create(
        DANIEL,
        release('checkout-service', 'staging'),
      );
      for (const timeout of ['Infinity', '1e309', '121', '-1', '0x10', '3.5']) {
        const answer = await get(
          DANIEL,
          `/approvals/${body.id}/wait?timeout=${timeout}`,
        );
        expect([timeout, answer.status]).toEqual([timeout, 400]);
        expect(answer.body.error.message).toMatch(/timeout/);
      }

      // 100 waits whose clients hang up: afterwards nothing asks the database for them
      const { port } = server.address() as AddressInfo;
      const clients = Array.from({ length: 100 }, () => {
        const req = http.get(
          `http://127.0.0.1:${port}/api/lockstep/approvals/${body.id}/wait?timeout=60`,
          { headers: { Authorization: as(DANIEL) } },
        );
        req.on('error', () => undefined);
        return req;
      });
      await new Promise(resolve => setTimeout(resolve, 1_500));
      for (const client of clients) client.destroy();
      await new Promise(resolve => setTimeout(resolve, 500));
      let queries = 0;
      const count = () => queries++;
      knex.on('query', count);
      await new Promise(resolve => setTimeout(resolve, 3_000));
      knex.off('query', count);
      // the scheduled tasks may run a few; 100 pollers would have run hundreds
      expect(queries).toBeLessThan(20);

      // 200 waiting at once keep their deadline: they take the 2 s, plus what 200 plain reads of
      // the same request take on this machine right now, plus a second
      const readsStarted = Date.now();
      await Promise.all(
        Array.from({ length: 200 }, () => get(DANIEL, `/approvals/${body.id}`)),
      );
      const reads = Date.now() - readsStarted;
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 200 }, () =>
          get(DANIEL, `/approvals/${body.id}/wait?timeout=2`),
        ),
      );
      expect(
        answers.every(a => a.status === 200 && a.body.state === 'pending'),
      ).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000 + reads + 1_000);
    });

    it('pages every list, says when there is more, and keeps the oldest wait in the inbox', async () => {
      const [requester, approver] = team.members;
      const ids: string[] = [];
      for (let i = 0; i < PAGED; i++) {
        const { status, body } = await create(
          requester,
          release(team.component, `e-${String(i).padStart(3, '0')}`),
        );
        expect(status).toBe(201);
        ids.push(body.id);
      }
      const pages = async (query: string) => {
        const seen: string[][] = [];
        let cursor: string | undefined;
        let total: number | undefined;
        do {
          const answer = await get(
            approver,
            `/approvals?${query}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(answer.status).toBe(200);
          seen.push(answer.body.items.map((r: { id: string }) => r.id));
          cursor = answer.body.nextCursor;
          total = answer.body.total;
        } while (cursor);
        return { seen, total };
      };
      const inbox = await pages('pendingFor=me&limit=100');
      expect(inbox.seen.map(p => p.length)).toEqual([100, 100, 30]);
      expect(inbox.total).toBe(PAGED);
      // oldest first: the order they were created in
      expect(inbox.seen.flat()).toEqual(ids);

      const history = await pages(
        `entityRef=${encodeURIComponent(team.component)}&limit=75`,
      );
      expect(history.seen.map(p => p.length)).toEqual([75, 75, 75, 5]);
      expect(new Set(history.seen.flat())).toEqual(new Set(ids));
      expect((await get(approver, '/approvals?limit=501')).status).toBe(400);
      expect((await get(approver, '/approvals?cursor=nonsense')).status).toBe(
        400,
      );
      const first = await get(approver, '/approvals?pendingFor=me');
      expect(first.body.items).toHaveLength(100);
      expect(first.body.nextCursor).toBeDefined();
    });

    it('tells the requester the decision, and never the approvers their own request', async () => {
      const { body } = await create(
        FELIX,
        release('inventory-service', 'staging'),
      );
      expect((await decide(SOFIA, body.id)).body.state).toBe('approved');
      const titles = async (who: string, expected: string) => {
        for (let i = 0; i < 40; i++) {
          const found = await notificationTitles(who);
          if (found.includes(expected)) return found;
          await new Promise(resolve => setTimeout(resolve, 250));
        }
        return notificationTitles(who);
      };
      const approved = 'Approved: Release inventory-service 1.0.0';
      const needed = 'Approval needed: Release inventory-service 1.0.0';
      const felix = await titles(FELIX, approved);
      expect(felix).toContain(approved);
      expect(felix).not.toContain(needed);
      expect(await titles(SOFIA, needed)).toContain(needed);
    });

    it('refuses blank titles and keeps the text it stores trimmed', async () => {
      const before = await rows();
      for (const field of ['title', 'environment', 'version']) {
        const answer = await create(DANIEL, {
          ...release('shipping-service', 'staging'),
          [field]: ' \t ',
        });
        expect([field, answer.status]).toEqual([field, 400]);
        expect(answer.body.error.message).toMatch(field);
      }
      expect(await rows()).toEqual(before);
    });
  },
);
