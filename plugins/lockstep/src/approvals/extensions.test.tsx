import { createExtensionTester } from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { approvalsContent, myApprovalsPage } from '../alpha';

describe('approvals extensions', () => {
  it('adds an Approvals tab at /approvals on components, APIs, resources and systems', () => {
    const tester = createExtensionTester(approvalsContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/approvals');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Approvals');
    expect(tester.get(EntityContentBlueprint.dataRefs.filterExpression)).toBe(
      'kind:component,api,resource,system',
    );
  });

  it('mounts My approvals at /lockstep/approvals with a title and a badge icon for the sidebar', () => {
    const tester = createExtensionTester(myApprovalsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/lockstep/approvals');
    expect(tester.get(coreExtensionData.title)).toBe('My approvals');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });
});
