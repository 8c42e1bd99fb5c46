import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { createReadinessCheck } from './checks';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cart-service',
    annotations: { 'pagerduty.com/service-id': 'P1' },
  },
};

const annotationPresent = createReadinessCheck({
  type: 'annotation-present',
  description: 'The entity carries an annotation',
  paramsSchema: z.object({ annotation: z.string().min(1) }),
  async evaluate({ entity: e, params }) {
    const passed = Boolean(e.metadata.annotations?.[params.annotation]);
    return {
      passed,
      detail: passed
        ? `Has ${params.annotation}`
        : `No ${params.annotation} annotation`,
    };
  },
});

describe('createReadinessCheck', () => {
  it('validates params and evaluates with the parsed values', async () => {
    const params = annotationPresent.parseParams({
      annotation: 'pagerduty.com/service-id',
    });
    await expect(
      annotationPresent.evaluate({
        entity,
        params,
        getEntity: async () => undefined,
      }),
    ).resolves.toEqual({
      passed: true,
      detail: 'Has pagerduty.com/service-id',
    });
  });

  it('names the offending key when params are wrong', () => {
    expect(() => annotationPresent.parseParams({ annotation: 42 })).toThrow(
      InputError,
    );
    expect(() => annotationPresent.parseParams({})).toThrow(
      /Invalid params for readiness check 'annotation-present': params\.annotation: /,
    );
  });

  it('rejects a type id that is not kebab-case', () => {
    expect(() =>
      createReadinessCheck({
        type: 'Annotation Present',
        description: 'x',
        paramsSchema: z.object({}),
        evaluate: async () => ({ passed: true, detail: '' }),
      }),
    ).toThrow(/must be kebab-case/);
  });
});
