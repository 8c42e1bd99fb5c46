import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { quote } from './strictInput';

/** A query value with its blanks trimmed, or undefined when there is nothing in it. */
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** A comma-separated query value as its items. */
export const listOf = (value: unknown): string[] | undefined =>
  text(value)
    ?.split(',')
    .map(item => item.trim())
    .filter(Boolean);

/** A whole number the OpenAPI router has already checked the range of. */
export const numberOf = (value: unknown): number | undefined =>
  value === undefined ? undefined : Number(value);

/**
 * Each value must be one of `known`; the message names the parameter and what it accepts.
 */
export function oneOf<T extends string>(
  parameter: string,
  values: string[] | undefined,
  known: readonly T[],
): T[] | undefined {
  for (const value of values ?? []) {
    if (!known.includes(value as T)) {
      throw new InputError(
        `${parameter}: unknown ${parameter} '${value}'; use ${known.join(
          ', ',
        )}`,
      );
    }
  }
  return values as T[] | undefined;
}

/** The entity ref of a `/{kind}/{namespace}/{name}` path; each part is one name, without `:` or `/`. */
export function entityRefOf(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const { kind, namespace, name } = params;
  for (const [part, value] of Object.entries({ kind, namespace, name })) {
    if (!value || /[:/]/.test(value)) {
      throw new InputError(
        `${part}: must be one name without ':' or '/', got ${quote(value)}`,
      );
    }
  }
  return stringifyEntityRef({ kind, namespace, name });
}

type IncomingRequest = Parameters<HttpAuthService['credentials']>[0];

/** Who calls: a signed-in person or another backend. */
export interface Callers {
  /** A user or a service principal. */
  anyone(
    req: IncomingRequest,
  ): Promise<
    BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
  >;
  /** Only a person: sign-offs and decisions are people's, never a service's. */
  person(
    req: IncomingRequest,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>>;
}

export const callersOf = (httpAuth: HttpAuthService): Callers => ({
  anyone: req => httpAuth.credentials(req, { allow: ['user', 'service'] }),
  person: req => httpAuth.credentials(req, { allow: ['user'] }),
});
