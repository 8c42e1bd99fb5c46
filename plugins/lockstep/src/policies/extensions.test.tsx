import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { policiesCard, policiesPage } from '../alpha';
import { lockstepApiRef } from '../api';
import { mockLockstepApi } from '../approvals/__testUtils__/fixtures';
import { PoliciesContent } from './PoliciesPage';
import { policiesOverview } from './__testUtils__/fixtures';

describe('policies extensions', () => {
  it('mounts the Policies page at /lockstep/policies with a title and icon for the sidebar', () => {
    const tester = createExtensionTester(policiesPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/lockstep/policies');
    expect(tester.get(coreExtensionData.title)).toBe('Policies');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('shows the Rules that apply card on components, APIs, resources and systems only', () => {
    const filter = createExtensionTester(policiesCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter).toBeDefined();
    const shows = filter ?? (() => false);
    const entity = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    });
    expect(
      ['Component', 'API', 'Resource', 'System'].map(k => shows(entity(k))),
    ).toEqual([true, true, true, true]);
    expect(['Group', 'User', 'Domain'].map(k => shows(entity(k)))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('renders the page content in an app on the new frontend system', async () => {
    const api = mockLockstepApi({
      getPolicies: jest.fn(async () => policiesOverview()),
    });
    renderInTestApp(<PoliciesContent />, {
      apis: [[lockstepApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    });
    expect(
      await screen.findByRole('heading', { name: '1. Production release' }),
    ).toBeInTheDocument();
  });
});
