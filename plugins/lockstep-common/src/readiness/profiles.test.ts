import { Entity } from '@backstage/catalog-model';
import { ReadinessProfile, selectProfile } from './profiles';

const profile = (
  id: string,
  filter: ReadinessProfile['filter'],
  extendsIds: string[] = [],
): ReadinessProfile => ({
  id,
  title: id,
  extends: extendsIds,
  filter,
  gates: [],
});

// order matters: the first match wins, so the stricter profile comes first
const profiles = [
  profile(
    'critical',
    { kind: ['Component'], tags: ['pci', 'customer-facing'] },
    ['production'],
  ),
  profile('production', {
    kind: ['component'],
    type: ['service'],
    lifecycle: ['production'],
  }),
  profile('library', { kind: ['Component'], type: ['library'] }),
  profile('payments-only', { system: ['system:default/payments'] }),
];

const entity = (
  fields: {
    type?: string;
    lifecycle?: string;
    tags?: string[];
    annotation?: string;
    system?: string;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    tags: fields.tags,
    annotations: fields.annotation
      ? { 'lockstep.io/readiness-profile': fields.annotation }
      : undefined,
  },
  spec: {
    type: fields.type ?? 'service',
    lifecycle: fields.lifecycle ?? 'production',
  },
  relations: fields.system
    ? [{ type: 'partOf', targetRef: fields.system }]
    : [],
});

describe('selectProfile', () => {
  it('picks the first profile whose filter matches, case-insensitively', () => {
    expect(selectProfile(entity(), profiles)?.ref).toEqual({
      id: 'production',
      title: 'production',
      selectedBy: 'filter',
    });
    expect(selectProfile(entity({ tags: ['PCI'] }), profiles)?.ref.id).toBe(
      'critical',
    );
    expect(selectProfile(entity({ type: 'library' }), profiles)?.ref.id).toBe(
      'library',
    );
    expect(
      selectProfile(entity({ lifecycle: 'experimental' }), profiles),
    ).toBeUndefined();
    expect(
      selectProfile(
        entity({
          lifecycle: 'experimental',
          system: 'system:default/payments',
        }),
        profiles,
      )?.ref.id,
    ).toBe('payments-only');
  });

  it('follows an annotation that asks for a stricter profile', () => {
    expect(
      selectProfile(entity({ annotation: 'critical' }), profiles)?.ref,
    ).toEqual({
      id: 'critical',
      title: 'critical',
      selectedBy: 'annotation',
    });
    // with no profile selected by filter, any profile is stricter than none
    expect(
      selectProfile(
        entity({ lifecycle: 'experimental', annotation: 'production' }),
        profiles,
      )?.ref.id,
    ).toBe('production');
  });

  it('ignores an annotation that would loosen the profile, and says why', () => {
    const selected = selectProfile(
      entity({ tags: ['pci'], annotation: 'production' }),
      profiles,
    );
    expect(selected?.ref.id).toBe('critical');
    expect(selected?.ref.selectedBy).toBe('filter');
    expect(selected?.ref.note).toMatch(
      /asks for 'production', which does not extend 'critical'/,
    );
    expect(
      selectProfile(entity({ annotation: 'library' }), profiles)?.ref.id,
    ).toBe('production');
    expect(
      selectProfile(entity({ annotation: 'nope' }), profiles)?.ref.note,
    ).toMatch(/'nope', which is not a profile/);
  });
});
