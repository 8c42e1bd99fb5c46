import { Entity } from '@backstage/catalog-model';
import { matchesEntityFilter, refKey, systemsOf } from './entity';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', tags: ['PCI', 'java'] },
  spec: { type: 'service', lifecycle: 'production' },
  relations: [
    { type: 'partOf', targetRef: 'system:default/Payments' },
    { type: 'partOf', targetRef: 'domain:default/finance' },
    { type: 'ownedBy', targetRef: 'group:default/payments' },
  ],
};

describe('matchesEntityFilter', () => {
  it('matches every listed field, any of a list, ignoring case', () => {
    expect(matchesEntityFilter(entity, {})).toBe(true);
    expect(
      matchesEntityFilter(entity, {
        kind: ['component'],
        type: ['SERVICE', 'website'],
        lifecycle: ['production'],
        tags: ['pci'],
        system: ['system:default/payments'],
      }),
    ).toBe(true);
  });

  it('fails on any field that does not match, or that the entity lacks', () => {
    expect(matchesEntityFilter(entity, { kind: ['API'] })).toBe(false);
    expect(matchesEntityFilter(entity, { lifecycle: ['experimental'] })).toBe(
      false,
    );
    expect(matchesEntityFilter(entity, { tags: ['python'] })).toBe(false);
    expect(
      matchesEntityFilter(entity, { system: ['system:default/storefront'] }),
    ).toBe(false);
    expect(
      matchesEntityFilter({ ...entity, spec: {} }, { type: ['service'] }),
    ).toBe(false);
  });
});

describe('systemsOf', () => {
  it('names the systems only, as the relations spell them', () => {
    expect(systemsOf(entity)).toEqual(['system:default/Payments']);
  });
});

describe('refKey', () => {
  it('gives two spellings of one ref the same key', () => {
    expect(refKey('Component:Default/Ledger')).toBe(
      refKey('component:default/ledger'),
    );
  });
});
