import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createReadinessCheck,
  lockstepReadinessChecksExtensionPoint,
} from '@lockstep/backstage-plugin-lockstep-node';
import request from 'supertest';
import { z } from 'zod';
import { lockstepPlugin } from './plugin';

const runbookCheck = createReadinessCheck({
  type: 'runbook-link',
  description: 'The entity links to a runbook',
  paramsSchema: z.object({}),
  evaluate: async ({ entity }) => {
    const passed = (entity.metadata.links ?? []).some(
      l => l.type === 'runbook',
    );
    return { passed, detail: passed ? 'Runbook linked' : 'No runbook link' };
  },
});

function moduleAdding(moduleId: string, check: typeof runbookCheck) {
  return createBackendModule({
    pluginId: 'lockstep',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { checks: lockstepReadinessChecksExtensionPoint },
        async init({ checks }) {
          checks.addChecks(check);
        },
      });
    },
  });
}

describe('lockstep backend plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [lockstepPlugin, mockServices.database.factory()],
    });
    const response = await request(server).get('/api/lockstep/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('lists check types that modules add through the extension point, to signed-in callers only', async () => {
    const { server } = await startTestBackend({
      features: [
        lockstepPlugin,
        moduleAdding('runbooks', runbookCheck),
        mockServices.database.factory(),
      ],
    });

    const anonymous = await request(server)
      .get('/api/lockstep/readiness/check-types')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);

    const response = await request(server)
      .get('/api/lockstep/readiness/check-types')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/priya.sharma'),
      );
    expect(response.status).toBe(200);
    // the module's type beside the built-in ones, sorted by type
    expect(response.body.items.map((c: { type: string }) => c.type)).toEqual([
      'annotation-present',
      'declared-apis-exist',
      'lifecycle-in',
      'link-present',
      'owner-has-members',
      'runbook-link',
      'system-set',
    ]);
    expect(response.body.items).toContainEqual({
      type: 'runbook-link',
      description: 'The entity links to a runbook',
    });
  });

  it('refuses to start when two modules register the same check type', async () => {
    await expect(
      startTestBackend({
        features: [
          lockstepPlugin,
          moduleAdding('runbooks', runbookCheck),
          moduleAdding('more-runbooks', runbookCheck),
          mockServices.database.factory(),
        ],
      }),
    ).rejects.toThrow(
      /Readiness check type 'runbook-link' is registered twice/,
    );
  });
});
