import type {
  ApiMethod,
  ApiPathParams,
  ApiQuery,
  ApiRequestBody,
  ApiResponse,
  LockstepApiPaths,
} from '@lockstep/backstage-plugin-lockstep-common';

type Path = keyof LockstepApiPaths;

/** How `@backstage/backend-openapi-utils` spells a method in an endpoint map's keys. */
type RouterMethod<Method extends ApiMethod> = Method extends 'delete'
  ? '_delete'
  : Method;

type OperationsOf<P extends Path> = {
  [Method in ApiMethod]: LockstepApiPaths[P][Method] extends undefined
    ? never
    : Method;
}[ApiMethod];

type Endpoint<P extends Path, Method extends ApiMethod> = {
  path: ApiPathParams<P, Method>;
  query: ApiQuery<P, Method>;
  body: ApiRequestBody<P, Method>;
  response: ApiResponse<P, Method>;
};

/**
 * Every operation of the spec in the shape `createValidatedOpenApiRouterFromGeneratedEndpointMap`
 * types a router with, derived from the types openapi-typescript generates from the same spec.
 */
export type LockstepEndpoints = {
  [Key in {
    [P in Path]: {
      [Method in OperationsOf<P>]: `#${RouterMethod<Method>}|${P}`;
    }[OperationsOf<P>];
  }[Path]]: Key extends `#${infer Method}|${infer P extends Path}`
    ? Endpoint<P, Method extends '_delete' ? 'delete' : Method & ApiMethod>
    : never;
};
