import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startSampleCatalogBackend } from '../__testUtils__/sampleCatalog';

jest.setTimeout(300_000);

/** A SQLite database in a file, as `npm start` uses: closed and opened again between the two backends. */
const openFile = (file: string): Knex =>
  knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });

it('keeps a request and its decisions when the backend stops and a new one opens the SQLite file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-restart-'));
  const file = path.join(dir, 'lockstep.sqlite');
  const as = (who: string) =>
    mockCredentials.user.header(`user:default/${who}`);

  let knex = openFile(file);
  let started = await startSampleCatalogBackend({ lockstepDatabase: knex });
  const created = await request(started.server)
    .post('/api/lockstep/approvals')
    .set('Authorization', as('priya.sharma'))
    .send({
      entityRef: 'component:default/payment-gateway',
      title: 'Release 9.0.0',
      environment: 'production',
      version: '9.0.0',
    });
  expect(created.status).toBe(201);
  const decided = await request(started.server)
    .post(`/api/lockstep/approvals/${created.body.id}/decisions`)
    .set('Authorization', as('marcus.chen'))
    .send({ decision: 'approve', comment: 'Owner approves' });
  expect(decided.body.currentStage).toBe(1);
  await started.backend.stop();
  await knex.destroy();

  knex = openFile(file);
  started = await startSampleCatalogBackend({ lockstepDatabase: knex });
  const after = await request(started.server)
    .get(`/api/lockstep/approvals/${created.body.id}`)
    .set('Authorization', as('priya.sharma'));
  expect(after.body).toMatchObject({
    state: 'pending',
    currentStage: 1,
    decisions: [
      {
        actor: 'user:default/marcus.chen',
        decision: 'approve',
        comment: 'Owner approves',
      },
    ],
  });
  const audit = await request(started.server)
    .get(`/api/lockstep/approvals/${created.body.id}/audit`)
    .set('Authorization', as('priya.sharma'));
  expect(audit.body.verification).toEqual({ valid: true });
  await started.backend.stop();
  await knex.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});
