import { createExtensionTester } from '@backstage/frontend-test-utils';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { LockstepClient } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApi } from './alpha';
import { lockstepApiRef } from './api';

describe('lockstep api extension', () => {
  it('provides a LockstepClient that calls the backend with the app fetch', async () => {
    const factory = createExtensionTester(lockstepApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(lockstepApiRef.id);

    const requested: string[] = [];
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend.test/api/${id}`,
      },
      fetchApi: {
        fetch: async (url: string) => {
          requested.push(url);
          return new Response(JSON.stringify({ status: 'ok' }), {
            status: 200,
          });
        },
      },
    });

    expect(client).toBeInstanceOf(LockstepClient);
    await expect((client as LockstepClient).getHealth()).resolves.toEqual({
      status: 'ok',
    });
    expect(requested).toEqual(['http://backend.test/api/lockstep/health']);
  });
});
