import { Entity } from '@backstage/catalog-model';
import { builtinReadinessChecks } from './builtinChecks';

const check = (type: string) =>
  builtinReadinessChecks.find(c => c.type === type)!;

const entity = (
  fields: Partial<Entity['metadata']> & {
    spec?: object;
    relations?: Entity['relations'];
  },
): Entity => {
  const { spec, relations, ...metadata } = fields;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', ...metadata },
    spec,
    relations,
  };
};

const catalog: Record<string, Entity> = {
  'group:default/payments': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments' },
    relations: [{ type: 'hasMember', targetRef: 'user:default/priya' }],
  },
  'group:default/empty': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'empty' },
  },
  'user:default/solo': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'solo' },
  },
  'api:default/pay': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'pay' },
  },
};

async function run(type: string, subject: Entity, params: unknown = {}) {
  const c = check(type);
  return c.evaluate({
    entity: subject,
    params: c.parseParams(params),
    getEntity: async ref => catalog[ref],
  });
}

const owned = (owner: string) =>
  entity({ relations: [{ type: 'ownedBy', targetRef: owner }] });

describe('built-in readiness checks', () => {
  it('owner-has-members: a group with members, a person, and what fails', async () => {
    expect(
      await run('owner-has-members', owned('group:default/payments')),
    ).toEqual({
      passed: true,
      detail: 'group:payments has 1 member',
    });
    expect(
      (await run('owner-has-members', owned('user:default/solo'))).passed,
    ).toBe(true);
    expect(
      await run('owner-has-members', owned('group:default/empty')),
    ).toEqual({
      passed: false,
      detail: 'group:empty has no members',
    });
    expect(
      (await run('owner-has-members', owned('group:default/gone'))).detail,
    ).toBe('The owner group:gone is not in the catalog');
    expect((await run('owner-has-members', entity({}))).detail).toBe(
      'No owner is set',
    );
  });

  it('link-present matches type and title case-insensitively', async () => {
    const linked = entity({
      links: [
        { url: 'https://r.example', title: 'On-call Runbook', type: 'Runbook' },
      ],
    });
    expect(
      (await run('link-present', linked, { type: 'runbook' })).passed,
    ).toBe(true);
    expect(
      (await run('link-present', linked, { title: 'runbook' })).passed,
    ).toBe(true);
    expect(await run('link-present', linked, { type: 'dashboard' })).toEqual({
      passed: false,
      detail: 'No link of type dashboard',
    });
    expect(() => check('link-present').parseParams({})).toThrow(
      /give a link type, a title, or both/,
    );
  });

  it('lifecycle-in, system-set, annotation-present', async () => {
    expect(
      await run(
        'lifecycle-in',
        entity({ spec: { lifecycle: 'experimental' } }),
        { lifecycles: ['production'] },
      ),
    ).toEqual({
      passed: false,
      detail: 'Lifecycle experimental; expected production',
    });
    expect(
      (
        await run(
          'system-set',
          entity({
            relations: [{ type: 'partOf', targetRef: 'system:default/pay' }],
          }),
        )
      ).passed,
    ).toBe(true);
    expect((await run('system-set', entity({}))).detail).toBe(
      'No system is set',
    );
    expect(
      (
        await run(
          'annotation-present',
          entity({ annotations: { 'pagerduty.com/service-id': 'P1' } }),
          {
            annotation: 'pagerduty.com/service-id',
          },
        )
      ).passed,
    ).toBe(true);
  });

  it('declared-apis-exist names the APIs the catalog lacks', async () => {
    const consumer = entity({
      relations: [
        { type: 'consumesApi', targetRef: 'api:default/pay' },
        { type: 'providesApi', targetRef: 'api:default/ghost' },
      ],
    });
    expect(await run('declared-apis-exist', consumer)).toEqual({
      passed: false,
      detail: 'Not in the catalog: api:ghost',
    });
    expect((await run('declared-apis-exist', entity({}))).detail).toBe(
      'Declares no APIs',
    );
  });
});
