import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { LockstepClient } from '@lockstep/backstage-plugin-lockstep-common';
import { lockstepApi, readinessBoardPage, readinessCard } from './alpha';
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

describe('readiness extensions', () => {
  it('mounts the board at /lockstep/readiness with a title and icon for the sidebar', () => {
    const tester = createExtensionTester(readinessBoardPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/lockstep/readiness');
    expect(tester.get(coreExtensionData.title)).toBe('Readiness');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('shows the card on components, APIs, resources and systems only', () => {
    expect(
      createExtensionTester(readinessCard).get(
        EntityCardBlueprint.dataRefs.filterExpression,
      ),
    ).toBe('kind:component,api,resource,system');
  });
});
