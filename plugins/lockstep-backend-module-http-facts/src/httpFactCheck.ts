import { Entity } from '@backstage/catalog-model';
import { createReadinessCheck } from '@lockstep/backstage-plugin-lockstep-node';
import { z } from 'zod';

const jsonValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const paramsSchema = z
  .object({
    /** Where the fact lives; {kind}, {namespace} and {name} are replaced by the entity's, URL-encoded. */
    url: z.string().url(),
    /** Dot path into the JSON answer, e.g. `coverage.lines`. */
    path: z.string().min(1),
    /** The fact must equal this value… */
    equals: jsonValue.optional(),
    /** …or be a number at least / at most this. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** Milliseconds to wait for the answer. */
    timeoutMs: z.number().int().positive().max(60_000).default(10_000),
  })
  .strict()
  .refine(
    p => p.equals !== undefined || p.min !== undefined || p.max !== undefined,
    'give equals, min or max',
  );

function urlFor(template: string, entity: Entity): string {
  const parts: Record<string, string> = {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
  return template.replace(/\{(kind|namespace|name)\}/g, (_, part) =>
    encodeURIComponent(parts[part]),
  );
}

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (current, part) =>
        current !== null && typeof current === 'object'
          ? (current as Record<string, unknown>)[part]
          : undefined,
      value,
    );
}

/**
 * A readiness check that reads one fact per entity from an HTTP JSON endpoint (a coverage service, an
 * incident tracker, a scanner's API) and compares it: `equals`, or a number within `min`/`max`.
 */
export const httpFactCheck = createReadinessCheck({
  type: 'http-fact',
  description:
    'A fact read from an HTTP JSON endpoint per entity equals a value or lies within bounds',
  paramsSchema,
  async evaluate({ entity, params }) {
    const url = urlFor(params.url, entity);
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(params.timeoutMs),
    });
    if (response.status === 404) {
      return { passed: false, detail: `No facts for this entity at ${url}` };
    }
    if (!response.ok) {
      throw new Error(
        `${url} answered ${response.status} ${response.statusText}`,
      );
    }
    const fact = at(await response.json(), params.path);
    const shown = `${params.path} = ${JSON.stringify(fact)}`;
    if (fact === undefined) {
      return {
        passed: false,
        detail: `The answer of ${url} has no ${params.path}`,
      };
    }
    if (params.equals !== undefined) {
      return fact === params.equals
        ? { passed: true, detail: shown }
        : {
            passed: false,
            detail: `${shown}; expected ${JSON.stringify(params.equals)}`,
          };
    }
    if (typeof fact !== 'number') {
      return { passed: false, detail: `${shown}; expected a number` };
    }
    const bounds = [
      params.min !== undefined && `at least ${params.min}`,
      params.max !== undefined && `at most ${params.max}`,
    ]
      .filter(Boolean)
      .join(' and ');
    const passed =
      (params.min === undefined || fact >= params.min) &&
      (params.max === undefined || fact <= params.max);
    return { passed, detail: passed ? shown : `${shown}; expected ${bounds}` };
  },
});
