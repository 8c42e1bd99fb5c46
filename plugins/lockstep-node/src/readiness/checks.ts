import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** What a check sees: the entity under evaluation and the gate's `params` from app-config. */
export interface ReadinessCheckInput<TParams> {
  /** The whole entity, as the catalog has it. */
  entity: Entity;
  params: TParams;
  /**
   * Another entity of the catalog (for example the owner), read with the plugin's own credentials;
   * within one evaluation run the answers come from the run's snapshot of the catalog.
   */
  getEntity(entityRef: string): Promise<Entity | undefined>;
}

/** The outcome of one check, in words a developer can act on. */
export interface ReadinessCheckResult {
  passed: boolean;
  /** Why it passed or failed, e.g. "No link of type runbook". */
  detail: string;
}

/** A type of automatic readiness check that gates can name with `check: <type>`. */
export interface ReadinessCheck<TParams = unknown> {
  /** Kebab-case id, unique across the backend, e.g. `annotation-present`. */
  type: string;
  description: string;
  /** Validates a gate's params; throws an InputError naming the offending key. */
  parseParams(params: unknown): TParams;
  evaluate(input: ReadinessCheckInput<TParams>): Promise<ReadinessCheckResult>;
}

const CHECK_TYPE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Defines a readiness check type whose gate params are validated by a zod schema, so that a wrong
 * configuration stops the backend at start instead of failing on a page view.
 */
export function createReadinessCheck<TSchema extends z.ZodTypeAny>(options: {
  type: string;
  description: string;
  paramsSchema: TSchema;
  evaluate(
    input: ReadinessCheckInput<z.output<TSchema>>,
  ): Promise<ReadinessCheckResult>;
}): ReadinessCheck<z.output<TSchema>> {
  if (!CHECK_TYPE_PATTERN.test(options.type)) {
    throw new InputError(
      `Readiness check type '${options.type}' must be kebab-case, e.g. 'annotation-present'`,
    );
  }
  return {
    type: options.type,
    description: options.description,
    parseParams(params) {
      const parsed = options.paramsSchema.safeParse(params ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues.map(issue => {
          const key = issue.path.length
            ? `params.${issue.path.join('.')}`
            : 'params';
          return `${key}: ${issue.message}`;
        });
        throw new InputError(
          `Invalid params for readiness check '${
            options.type
          }': ${problems.join('; ')}`,
        );
      }
      return parsed.data;
    },
    evaluate: options.evaluate,
  };
}

/** Lets backend modules add readiness check types to Lockstep. */
export interface LockstepReadinessChecksExtensionPoint {
  addChecks(...checks: ReadinessCheck<any>[]): void;
}

/** Extension point for readiness check types. */
export const lockstepReadinessChecksExtensionPoint =
  createExtensionPoint<LockstepReadinessChecksExtensionPoint>({
    id: 'lockstep.readiness-checks',
  });
