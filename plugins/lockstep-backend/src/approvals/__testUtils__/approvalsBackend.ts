import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  sampleLockstepConfig,
  startSampleCatalogBackend,
} from '../../__testUtils__/sampleCatalog';

export const user = (name: string) => `user:default/${name}`;
export const PRIYA = user('priya.sharma'); // payments
export const MARCUS = user('marcus.chen'); // payments
export const RACHEL = user('rachel.cohen'); // security
export const AISHA = user('aisha.khan'); // security and platform-sre
export const LI = user('li.wei'); // platform-sre
export const OMAR = user('omar.haddad'); // security
export const TOM = user('tom.nguyen'); // storefront
export const DANIEL = user('daniel.okafor'); // checkout
export const FELIX = user('felix.braun'); // checkout
export const SOFIA = user('sofia.martinez'); // checkout
export const GRACE = user('grace.kim'); // product
export const TESTERS = Array.from({ length: 50 }, (_, i) =>
  user(`tester-${String(i + 1).padStart(2, '0')}`),
);

/** Test-only catalog: a team of 50 for the concurrency test, and a service whose annotation tries its luck. */
export function writeExtraCatalog(dir: string, annotation: string) {
  const docs = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'load-testers' },
      spec: { type: 'team', children: [] },
    },
    ...TESTERS.map(ref => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: ref.split('/')[1] },
      spec: { memberOf: ['load-testers'] },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'load-service', tags: ['load-test'] },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'load-testers',
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'annotated-service',
        annotations: { 'lockstep.io/approvers': annotation },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
    },
  ];
  const file = path.join(dir, 'extra.yaml');
  fs.writeFileSync(file, docs.map(d => JSON.stringify(d)).join('\n---\n'));
  return file;
}

const sample = sampleLockstepConfig().approvals;
const approvalsConfig = {
  ...sample,
  policies: [
    {
      id: 'load',
      title: 'Load test',
      filter: { tags: ['load-test'] },
      stages: [
        {
          name: 'Testers',
          rules: [{ group: 'load-testers', minApprovals: 3 }],
        },
      ],
    },
    {
      id: 'hotfix',
      title: 'Hotfix',
      filter: { kind: ['Component'] },
      environments: ['hotfix'],
      expiresAfter: 'PT1S',
      stages: [
        { name: 'Owning team', rules: [{ group: 'owner', minApprovals: 1 }] },
      ],
    },
    {
      id: 'product-heavy',
      title: 'Needs three product people',
      filter: { kind: ['Component'] },
      environments: ['launch'],
      stages: [
        { name: 'Product', rules: [{ group: 'product', minApprovals: 3 }] },
      ],
    },
    ...sample.policies,
  ],
};

/**
 * The sample backend with the policies above, on `databaseId`, for the `describe` block this is
 * called in: started before its tests and stopped after them, with calls as each user.
 */
export function useApprovalsBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  let knex: Knex;
  let server: Server;
  let stopBackend: () => Promise<void>;
  let dir: string;
  let extraCatalog: string;

  const start = async () => {
    const started = await startSampleCatalogBackend({
      lockstepDatabase: knex,
      approvals: approvalsConfig,
      extraLocations: [extraCatalog],
    });
    server = started.server;
    stopBackend = () => started.backend.stop();
  };
  const stop = () => stopBackend();
  const as = (who: string) => mockCredentials.user.header(who);
  const create = (who: string, body: Record<string, unknown>) =>
    request(server)
      .post('/api/lockstep/approvals')
      .set('Authorization', as(who))
      .send(body);
  const decide = (
    who: string,
    id: string,
    decision: string,
    comment?: string,
  ) =>
    request(server)
      .post(`/api/lockstep/approvals/${id}/decisions`)
      .set('Authorization', as(who))
      .send(comment === undefined ? { decision } : { decision, comment });
  const get = (who: string, p: string) =>
    request(server).get(`/api/lockstep${p}`).set('Authorization', as(who));
  const rows = async () => ({
    requests: (await knex('approval_requests').count({ n: '*' }).first())!.n,
    decisions: (await knex('approval_decisions').count({ n: '*' }).first())!.n,
    audit: (await knex('approval_audit').count({ n: '*' }).first())!.n,
  });
  const release = (
    entity: string,
    environment = 'production',
    version = '1.0.0',
  ) => ({
    entityRef: `component:default/${entity}`,
    title: `Release ${entity} ${version}`,
    environment,
    version,
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-approvals-'));
    extraCatalog = writeExtraCatalog(
      dir,
      'group:default/security=0, group:default/data=1, nonsense',
    );
    knex = await databases.init(databaseId);
    await start();
    // the catalog has stitched the test team once every tester is a member, seen from both sides
    for (let i = 0; i < 240; i++) {
      const [group, members] = await Promise.all([
        request(server)
          .get('/api/catalog/entities/by-name/group/default/load-testers')
          .set('Authorization', mockCredentials.service.header()),
        request(server)
          .get(
            '/api/catalog/entities/by-query?filter=kind=user,relations.memberof=group:default/load-testers&limit=100&fields=metadata.name',
          )
          .set('Authorization', mockCredentials.service.header()),
      ]);
      const hasMembers = (group.body.relations ?? []).filter(
        (r: { type: string }) => r.type === 'hasMember',
      ).length;
      if (hasMembers === 50 && members.body.items?.length === 50) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });
  afterAll(async () => {
    await stop();
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let productionRequest: string | undefined;
  /** A production release of payment-gateway approved through both stages, made on first use. */
  const approvedProductionRequest = async (): Promise<string> => {
    if (productionRequest) return productionRequest;
    const { body } = await create(PRIYA, release('payment-gateway'));
    await decide(MARCUS, body.id, 'approve', 'Looks good');
    await decide(AISHA, body.id, 'approve');
    const approved = await decide(LI, body.id, 'approve');
    expect(approved.body.state).toBe('approved');
    productionRequest = body.id as string;
    return productionRequest;
  };

  return {
    get knex() {
      return knex;
    },
    get server() {
      return server;
    },
    get dir() {
      return dir;
    },
    start,
    stop,
    as,
    create,
    decide,
    get,
    rows,
    release,
    approvedProductionRequest,
  };
}
