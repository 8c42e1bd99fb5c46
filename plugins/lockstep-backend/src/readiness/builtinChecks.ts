import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  createReadinessCheck,
  ReadinessCheck,
} from '@lockstep/backstage-plugin-lockstep-node';
import { z } from 'zod';
import { systemsOf } from '@lockstep/backstage-plugin-lockstep-common';

const relationTargets = (entity: Entity, type: string) =>
  (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);

const label = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `${kind}:${namespace === 'default' ? '' : `${namespace}/`}${name}`;
};

const ownerHasMembers = createReadinessCheck({
  type: 'owner-has-members',
  description:
    'The owner exists in the catalog and, when it is a group, has members',
  paramsSchema: z.object({}).strict(),
  async evaluate({ entity, getEntity }) {
    const [ownerRef] = relationTargets(entity, 'ownedBy');
    if (!ownerRef) return { passed: false, detail: 'No owner is set' };
    const owner = await getEntity(ownerRef);
    if (!owner) {
      return {
        passed: false,
        detail: `The owner ${label(ownerRef)} is not in the catalog`,
      };
    }
    if (owner.kind.toLocaleLowerCase('en-US') !== 'group') {
      return { passed: true, detail: `Owned by ${label(ownerRef)}` };
    }
    const members = relationTargets(owner, 'hasMember').length;
    return members > 0
      ? {
          passed: true,
          detail: `${label(ownerRef)} has ${members} member${
            members > 1 ? 's' : ''
          }`,
        }
      : { passed: false, detail: `${label(ownerRef)} has no members` };
  },
});

const annotationPresent = createReadinessCheck({
  type: 'annotation-present',
  description:
    'The entity carries an annotation, e.g. pagerduty.com/service-id',
  paramsSchema: z.object({ annotation: z.string().min(1) }).strict(),
  async evaluate({ entity, params }) {
    const value = entity.metadata.annotations?.[params.annotation];
    return value
      ? { passed: true, detail: `${params.annotation}: ${value}` }
      : { passed: false, detail: `No ${params.annotation} annotation` };
  },
});

const linkPresent = createReadinessCheck({
  type: 'link-present',
  description:
    'The entity links to something of a given type and/or title, e.g. a runbook',
  paramsSchema: z
    .object({
      type: z.string().min(1).optional(),
      title: z.string().min(1).optional(),
    })
    .strict()
    .refine(p => p.type || p.title, 'give a link type, a title, or both'),
  async evaluate({ entity, params }) {
    const wanted = [
      params.type && `type ${params.type}`,
      params.title && `title "${params.title}"`,
    ]
      .filter(Boolean)
      .join(' and ');
    const link = (entity.metadata.links ?? []).find(
      l =>
        (!params.type ||
          l.type?.toLocaleLowerCase('en-US') ===
            params.type.toLocaleLowerCase('en-US')) &&
        (!params.title ||
          l.title
            ?.toLocaleLowerCase('en-US')
            .includes(params.title.toLocaleLowerCase('en-US'))),
    );
    return link
      ? { passed: true, detail: `Links ${link.url}` }
      : { passed: false, detail: `No link of ${wanted}` };
  },
});

const lifecycleIn = createReadinessCheck({
  type: 'lifecycle-in',
  description: 'spec.lifecycle is one of the given values',
  paramsSchema: z
    .object({ lifecycles: z.array(z.string().min(1)).min(1) })
    .strict(),
  async evaluate({ entity, params }) {
    const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)
      ?.lifecycle;
    const passed =
      typeof lifecycle === 'string' && params.lifecycles.includes(lifecycle);
    return {
      passed,
      detail: `Lifecycle ${
        typeof lifecycle === 'string' ? lifecycle : 'not set'
      }${passed ? '' : `; expected ${params.lifecycles.join(' or ')}`}`,
    };
  },
});

const declaredApisExist = createReadinessCheck({
  type: 'declared-apis-exist',
  description:
    'Every API the entity provides or consumes exists in the catalog',
  paramsSchema: z.object({}).strict(),
  async evaluate({ entity, getEntity }) {
    const declared = [
      ...new Set([
        ...relationTargets(entity, 'providesApi'),
        ...relationTargets(entity, 'consumesApi'),
      ]),
    ];
    if (declared.length === 0)
      return { passed: true, detail: 'Declares no APIs' };
    const missing: string[] = [];
    for (const ref of declared)
      if (!(await getEntity(ref))) missing.push(label(ref));
    return missing.length === 0
      ? { passed: true, detail: `All ${declared.length} declared APIs exist` }
      : { passed: false, detail: `Not in the catalog: ${missing.join(', ')}` };
  },
});

const systemSet = createReadinessCheck({
  type: 'system-set',
  description: 'The entity belongs to a system',
  paramsSchema: z.object({}).strict(),
  async evaluate({ entity }) {
    const [system] = systemsOf(entity);
    return system
      ? { passed: true, detail: `Part of ${label(system)}` }
      : { passed: false, detail: 'No system is set' };
  },
});

/** The check types Lockstep brings; modules add more through the extension point. */
export const builtinReadinessChecks: ReadinessCheck<any>[] = [
  ownerHasMembers,
  annotationPresent,
  linkPresent,
  lifecycleIn,
  declaredApisExist,
  systemSet,
];
