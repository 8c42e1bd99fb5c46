import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  sampleLockstepConfig,
  startSampleCatalogBackend,
} from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { waitForTeam, writeTestTeam } from '../__testUtils__/testTeam';

/**
 * Races of every approval transition, as a crowd clicking at the same moment would run them. Each
 * round checks the one rule that matters: every acknowledged (2xx) action took effect, every other
 * answer is a 409 or 403 that says why, and the stored request agrees with the answers.
 */
const ROUNDS = 20;
const TEAM_SIZE = 12;

const approvals = {
  ...sampleLockstepConfig().approvals,
  policies: [
    {
      id: 'race-two-stages',
      title: 'Two stages',
      filter: { kind: ['Component'] },
      environments: ['race'],
      stages: [
        { name: 'Racers', rules: [{ group: 'racers', minApprovals: 1 }] },
        { name: 'Product', rules: [{ group: 'product', minApprovals: 1 }] },
      ],
    },
    {
      id: 'race-one-stage',
      title: 'One stage',
      filter: { kind: ['Component'] },
      environments: ['race-one', 'race-create'],
      stages: [
        { name: 'Racers', rules: [{ group: 'racers', minApprovals: 1 }] },
      ],
    },
  ],
};

const databases = createTestDatabases();
jest.setTimeout(300_000);

describe.each(databases.eachSupportedId())(
  'approval races on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let stop: () => Promise<void>;
    let dir: string;
    let team: ReturnType<typeof writeTestTeam>;

    const as = (who: string) => mockCredentials.user.header(who);
    const create = (who: string, environment: string, version = '1.0.0') =>
      request(server)
        .post('/api/lockstep/approvals')
        .set('Authorization', as(who))
        .send({
          entityRef: team.component,
          title: `Release ${version}`,
          environment,
          version,
        });
    const decide = (who: string, id: string, decision: string) =>
      request(server)
        .post(`/api/lockstep/approvals/${id}/decisions`)
        .set('Authorization', as(who))
        .send({ decision, comment: `${decision} by ${who}` });
    const cancel = (who: string, id: string) =>
      request(server)
        .post(`/api/lockstep/approvals/${id}/cancel`)
        .set('Authorization', as(who))
        .send({ comment: 'Not this one' });
    const get = (id: string) =>
      request(server)
        .get(`/api/lockstep/approvals/${id}`)
        .set('Authorization', as(team.members[0]));
    const verified = async (id: string) =>
      (
        await request(server)
          .get(`/api/lockstep/approvals/${id}/audit`)
          .set('Authorization', as(team.members[0]))
      ).body.verification;
    const pendingIn = async (environment: string) =>
      Number(
        (await knex('approval_requests')
          .where({ entity_key: team.component, state: 'pending' })
          .whereRaw('lower(environment) = ?', [environment])
          .count({ n: '*' })
          .first())!.n,
      );
    const storedDecisions = async (id: string) =>
      knex('approval_decisions').where({ request_id: id }).orderBy('id');

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-races-'));
      team = writeTestTeam(dir, 'racers', TEAM_SIZE);
      knex = await databases.init(databaseId);
      const started = await startSampleCatalogBackend({
        lockstepDatabase: knex,
        approvals,
        extraLocations: [team.file],
      });
      server = started.server;
      stop = () => started.backend.stop();
      await waitForTeam(server, 'racers', TEAM_SIZE);
    });
    afterAll(async () => {
      await stop();
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('approve against reject: an acknowledged reject always rejects', async () => {
      const [requester, ...deciders] = team.members;
      const outcomes = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        const created = await create(requester, 'race', `1.0.${round}`);
        expect(created.status).toBe(201);
        const id = created.body.id;
        // alternate a duel with a crowd of the whole team
        const crowd = round % 2 === 0 ? deciders.slice(0, 2) : deciders;
        const choices = crowd.map((_, i) =>
          i % 2 === 0 ? 'approve' : 'reject',
        );
        const answers = await Promise.all(
          crowd.map((who, i) => decide(who, id, choices[i])),
        );
        const after = await get(id);
        const accepted = answers.flatMap((answer, i) =>
          answer.status === 200 ? [choices[i]] : [],
        );
        // every refusal is a 409 that says why
        expect(
          answers
            .filter(answer => answer.status !== 200)
            .map(answer => [
              answer.status,
              Boolean(answer.body.error?.message),
            ]),
        ).toEqual(answers.filter(a => a.status !== 200).map(() => [409, true]));
        // exactly the first decision counts: stage 1 passes on one approval, one reject ends it
        expect(accepted).toHaveLength(1);
        expect([after.body.state, after.body.currentStage]).toEqual(
          accepted[0] === 'reject' ? ['rejected', 0] : ['pending', 1],
        );
        expect(await storedDecisions(id)).toHaveLength(1);
        expect(await verified(id)).toEqual({ valid: true });
        outcomes.set(accepted[0], (outcomes.get(accepted[0]) ?? 0) + 1);
      }
      expect(await pendingIn('race')).toBeLessThanOrEqual(1);
      // eslint-disable-next-line no-console
      console.log(`approve against reject on ${databaseId}:`, outcomes);
    });

    it('approve against cancel: whichever is acknowledged is what happened', async () => {
      const [requester, approver] = team.members;
      for (let round = 0; round < ROUNDS; round++) {
        const created = await create(requester, 'race-one', `2.0.${round}`);
        expect(created.status).toBe(201);
        const id = created.body.id;
        const [approved, cancelled] = await Promise.all([
          decide(approver, id, 'approve'),
          cancel(requester, id),
        ]);
        expect([approved.status, cancelled.status].sort()).toEqual([200, 409]);
        const after = await get(id);
        expect(after.body.state).toBe(
          approved.status === 200 ? 'approved' : 'cancelled',
        );
        expect(await storedDecisions(id)).toHaveLength(
          approved.status === 200 ? 1 : 0,
        );
        expect(await verified(id)).toEqual({ valid: true });
      }
    });

    it('create against create: exactly one open request, every acknowledged one accounted for', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const crowd = team.members.slice(0, round % 2 === 0 ? 2 : TEAM_SIZE);
        const answers = await Promise.all(
          crowd.map((who, i) => create(who, 'race-create', `3.${round}.${i}`)),
        );
        for (const answer of answers)
          expect([answer.status, answer.body.error?.message]).toEqual([
            201,
            undefined,
          ]);
        expect(await pendingIn('race-create')).toBe(1);
        const states = await Promise.all(
          answers.map(async answer => (await get(answer.body.id)).body.state),
        );
        expect(states.filter(s => s === 'pending')).toHaveLength(1);
        expect(states.filter(s => s === 'superseded')).toHaveLength(
          crowd.length - 1,
        );
        for (const answer of answers) {
          expect(await verified(answer.body.id)).toEqual({ valid: true });
        }
      }
    });
  },
);
