import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { durationToMilliseconds, JsonValue } from '@backstage/types';
import { z } from 'zod';

/**
 * What the readiness and approvals configuration readers share: the same ids, entity filters,
 * durations and team refs, and errors that name the offending key.
 */
export type ConfigPath = Array<string | number>;

export const configId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be lower-case letters, digits and dashes',
  );

export const configDuration = z.union([
  z.string().min(1),
  z.record(z.number()),
]);

const values = z.array(z.string().min(1)).min(1);

/** Selects catalog entities: every listed field must match; a list matches any of its values. */
export const entityFilterSchema = z
  .object({
    kind: values.optional(),
    type: values.optional(),
    lifecycle: values.optional(),
    tags: values.optional(),
    system: values.optional(),
  })
  .strict();

/** Builds errors for one configuration section, e.g. `lockstep.readiness`. */
export function configSection(base: string, what: string) {
  const keyOf = (path: ConfigPath) =>
    path.reduce<string>(
      (at, part) =>
        typeof part === 'number' ? `${at}[${part}]` : `${at}.${part}`,
      base,
    );
  const error = (path: ConfigPath, message: string) =>
    new Error(`Invalid ${what} configuration at ${keyOf(path)}: ${message}`);

  return {
    keyOf,
    error,
    /** Validates the whole section with zod; the first problem names its key. */
    parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
      const parsed = schema.safeParse(value ?? {});
      if (!parsed.success) {
        const [issue] = parsed.error.issues;
        throw error(issue.path, issue.message);
      }
      return parsed.data;
    },
    /** An ISO 8601 duration, an `ms`-style string or `{ days: 90 }`, in milliseconds. */
    duration(value: unknown, path: ConfigPath): number {
      try {
        return durationToMilliseconds(
          readDurationFromConfig(
            new ConfigReader({ value: value as JsonValue }),
            {
              key: 'value',
            },
          ),
        );
      } catch (cause) {
        throw error(
          path,
          `not a duration (${
            (cause as Error).message
          }); use e.g. P90D or { days: 90 }`,
        );
      }
    },
    /** `owner`, or a Group ref (short names mean `group:default/<name>`), lower-case. */
    team(team: string, path: ConfigPath): string {
      if (team === 'owner') return team;
      let ref;
      try {
        ref = parseEntityRef(team, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        });
      } catch (cause) {
        throw error(
          path,
          `'${team}' is not an entity ref (${(cause as Error).message})`,
        );
      }
      if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw error(path, `'${team}' must be a Group ref or 'owner'`);
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    },
  };
}
