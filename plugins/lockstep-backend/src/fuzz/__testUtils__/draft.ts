import { Operation } from './spec';

/** Who a request is sent as: a real user token, the static service token, or no credentials. */
export type Persona =
  | 'priya' // payments; the requester of the pending production request
  | 'marcus' // payments
  | 'rachel' // security; signs off security reviews
  | 'tom' // storefront: in no team that decides anything here
  | 'daniel' // checkout; the requester of the pending staging request
  | 'felix' // checkout
  | 'service' // a pipeline with a static token
  | 'none';

export const PERSONA_REFS: Record<
  Exclude<Persona, 'service' | 'none'>,
  string
> = {
  priya: 'user:default/priya.sharma',
  marcus: 'user:default/marcus.chen',
  rachel: 'user:default/rachel.cohen',
  tom: 'user:default/tom.nguyen',
  daniel: 'user:default/daniel.okafor',
  felix: 'user:default/felix.braun',
};

/**
 * A request being built: a valid one first (from the route's base), which mutations then break.
 * Path segments and query pairs are kept percent-encoded, exactly as they go on the wire, so that a
 * mutation can put anything there (%00, %2F, a malformed escape).
 */
export interface Draft {
  method: string;
  /** Segments after /api/lockstep, encoded; `params` says which ones are path parameters. */
  segments: string[];
  params: Record<string, number>;
  /** Encoded name and value; a value of `null` sends the bare name. */
  query: Array<[string, string | null]>;
  as: Persona;
  /** An Authorization header that replaces the persona's. */
  authorization?: string;
  /** The JSON body, or `raw` bytes with their content type. Neither: no body. */
  json?: { value: unknown };
  raw?: { bytes: Buffer; contentType?: string };
  /** Content type for a JSON body; application/json by default. */
  contentType?: string | null;
}

export type Dimension =
  | 'auth'
  | 'path'
  | 'query'
  | 'body'
  | 'content-type'
  | 'method'
  | 'route';

/**
 * One way to break a request. `apply` returns the broken draft, or undefined where the mutation
 * does not apply to this draft. Every mutation must make the request invalid, by the spec or by
 * plain semantics (an unknown id, a person who may not act); `odd` marks inputs where either a 4xx
 * or a 2xx would be defensible, which are sent and checked for 5xx and error shape only.
 */
export interface Mutation {
  dim: Dimension;
  cls: string;
  apply(draft: Draft): Draft | undefined;
  /** The statuses that alone are right, where the status is determined (401, 404, 413). */
  expect?: number[];
  /** Large inputs (megabytes): sent in the catalogue phase only. */
  heavy?: boolean;
  odd?: boolean;
}

/** What every route's fuzzing starts from: a valid request, and the route's own bad inputs. */
export interface RouteFuzz {
  /** The persona of the valid request. */
  as: Persona;
  /** Decoded values of the path parameters, pointing at things that exist. */
  path?: Record<string, string>;
  /** Decoded query of the valid request. */
  query?: Record<string, string>;
  /** The valid JSON body; leave out for none. */
  body?: Record<string, unknown>;
  /** Bad inputs that need to know the route (semantics the spec cannot state). */
  extra?: Mutation[];
}

export const enc = (value: string) => encodeURIComponent(value);

/** The valid request of a route, as a draft. */
export function baseDraft(op: Operation, fuzz: RouteFuzz): Draft {
  const params: Record<string, number> = {};
  const segments = op.template
    .split('/')
    .slice(1)
    .map((part, index) => {
      const match = /^\{(.+)\}$/.exec(part);
      if (!match) return part;
      params[match[1]] = index;
      const value = fuzz.path?.[match[1]];
      if (value === undefined) {
        throw new Error(
          `${op.key}: the fuzzer gives no value for {${match[1]}}`,
        );
      }
      return enc(value);
    });
  return {
    method: op.method,
    segments,
    params,
    query: Object.entries(fuzz.query ?? {}).map(([k, v]) => [enc(k), enc(v)]),
    as: fuzz.as,
    ...(fuzz.body !== undefined && { json: { value: fuzz.body } }),
  };
}

export const clone = (draft: Draft): Draft => ({
  ...draft,
  segments: [...draft.segments],
  query: draft.query.map(([k, v]) => [k, v]),
  ...(draft.json && { json: { value: structuredClone(draft.json.value) } }),
});

/** The path and query as sent, after /api/lockstep. */
export function urlOf(draft: Draft): string {
  const query = draft.query
    .map(([k, v]) => (v === null ? k : `${k}=${v}`))
    .join('&');
  return `/${draft.segments.join('/')}${query ? `?${query}` : ''}`;
}

/** The body bytes and content type as sent. */
export function bodyOf(draft: Draft): {
  bytes?: Buffer;
  contentType?: string;
} {
  if (draft.raw) return draft.raw;
  if (!draft.json) return {};
  return {
    bytes: Buffer.from(JSON.stringify(draft.json.value), 'utf8'),
    contentType:
      draft.contentType === null
        ? undefined
        : draft.contentType ?? 'application/json',
  };
}
