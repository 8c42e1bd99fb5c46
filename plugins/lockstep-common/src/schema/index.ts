/**
 * The HTTP contract as types, generated from the backend's `openapi.yaml`: the common wire types, the
 * client and the backend's routers are all written against these, so a field renamed in the spec fails
 * type checking wherever it is used.
 */
import type { components, paths } from './openapi.generated';

export type { components as LockstepApiComponents, paths as LockstepApiPaths };

/** A schema of the spec's `components.schemas`, by name. */
export type ApiSchema<Name extends keyof components['schemas']> =
  components['schemas'][Name];

/** An HTTP method the spec uses. */
export type ApiMethod = 'get' | 'post' | 'delete';

/** The operation at a path and method of the spec. */
export type ApiOperation<
  Path extends keyof paths,
  Method extends ApiMethod,
> = NonNullable<paths[Path][Method]>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } }
  ? Body
  : void;

type SuccessOf<Responses> = {
  [Status in keyof Responses]: Status extends 200 | 201 | 204
    ? JsonContent<Responses[Status]>
    : never;
}[keyof Responses];

/** The JSON body of an operation's successful answer. */
export type ApiResponse<
  Path extends keyof paths,
  Method extends ApiMethod,
> = SuccessOf<ApiOperation<Path, Method>['responses']>;

/** The JSON body an operation accepts. */
export type ApiRequestBody<
  Path extends keyof paths,
  Method extends ApiMethod,
> = ApiOperation<Path, Method> extends { requestBody?: infer Body }
  ? JsonContent<NonNullable<Body>>
  : never;

/** The query parameters of an operation. */
export type ApiQuery<
  Path extends keyof paths,
  Method extends ApiMethod,
> = NonNullable<ApiOperation<Path, Method>['parameters']['query']>;

/** The path parameters of an operation. */
export type ApiPathParams<
  Path extends keyof paths,
  Method extends ApiMethod,
> = NonNullable<ApiOperation<Path, Method>['parameters']['path']>;
