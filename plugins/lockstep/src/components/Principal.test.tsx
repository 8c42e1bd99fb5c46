import { classifyPrincipal } from './Principal';

describe('classifyPrincipal', () => {
  it('keeps User and Group entity refs as entities', () => {
    expect(classifyPrincipal('user:default/rachel.cohen')).toEqual({
      kind: 'entity',
      entityRef: 'user:default/rachel.cohen',
    });
    expect(classifyPrincipal('Group:default/security')).toEqual({
      kind: 'entity',
      entityRef: 'group:default/security',
    });
  });

  it('names service principals as services, never as entities', () => {
    expect(classifyPrincipal('external:demo-pipeline')).toEqual({
      kind: 'service',
      label: 'demo-pipeline (service)',
    });
    expect(classifyPrincipal('plugin:catalog')).toEqual({
      kind: 'service',
      label: 'catalog (plugin)',
    });
    // neither a principal type nor a policy placeholder is an entity ref
    expect(classifyPrincipal('service')).toEqual({
      kind: 'service',
      label: 'service',
    });
    expect(classifyPrincipal('owner')).toEqual({
      kind: 'service',
      label: 'owner',
    });
    expect(classifyPrincipal('component:default/cart-service')).toEqual({
      kind: 'service',
      label: 'component:default/cart-service',
    });
  });

  it('reads a bare owner name as a group where the catalog would', () => {
    expect(classifyPrincipal('checkout', 'group')).toEqual({
      kind: 'entity',
      entityRef: 'group:default/checkout',
    });
    expect(classifyPrincipal('external:demo-pipeline', 'group').kind).toBe(
      'service',
    );
  });

  it('names a bare subject a service where only actors are shown', () => {
    expect(classifyPrincipal('demo-pipeline', 'service')).toEqual({
      kind: 'service',
      label: 'demo-pipeline (service)',
    });
    expect(classifyPrincipal('user:default/rachel.cohen', 'service')).toEqual({
      kind: 'entity',
      entityRef: 'user:default/rachel.cohen',
    });
    expect(classifyPrincipal('plugin:catalog', 'service').kind).toBe('service');
  });
});
