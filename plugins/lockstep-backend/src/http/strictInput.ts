import { InputError } from '@backstage/errors';
import type { RequestHandler } from 'express';

/** The part of an OpenAPI operation this middleware reads. */
interface SpecOperation {
  readonly parameters?: ReadonlyArray<{
    readonly name: string;
    readonly in: string;
    readonly schema?: { readonly type?: string };
  }>;
  readonly [other: string]: unknown;
}

/** The part of an OpenAPI document this middleware reads. */
export interface SpecPaths {
  readonly paths: {
    readonly [path: string]: { readonly [method: string]: SpecOperation };
  };
}

/** How deep a request body may nest; nothing Lockstep accepts nests more than a few levels. */
export const MAX_BODY_DEPTH = 32;
/** The longest whole number a query parameter may be written with. */
const MAX_DIGITS = 15;

const NUL = '\u0000';

/** A value quoted in an error message, cut short: errors never echo a megabyte back. */
export function quote(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

function routesOf(spec: SpecPaths) {
  return Object.entries(spec.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: new RegExp(
        `^${template
          .split('/')
          .map(part =>
            /^\{.+\}$/.test(part)
              ? '[^/]+'
              : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
          )
          .join('/')}$`,
      ),
      query: (operation.parameters ?? [])
        .filter(p => p.in === 'query')
        .map(p => p.name),
      integers: (operation.parameters ?? [])
        .filter(p => p.in === 'query' && p.schema?.type === 'integer')
        .map(p => p.name),
    })),
  );
}

/** Where in a body the first NUL character or too-deep nesting is, if any. */
function findBadValue(
  value: unknown,
  at: string,
  depth: number,
): { at: string; problem: string } | undefined {
  if (typeof value === 'string') {
    return value.includes(NUL)
      ? { at, problem: 'contains a NUL character' }
      : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_BODY_DEPTH) {
    return { at, problem: `nests deeper than ${MAX_BODY_DEPTH} levels` };
  }
  for (const [key, inner] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (key.includes(NUL))
      return { at: path, problem: 'has a NUL character in a name' };
    const bad = findBadValue(inner, path, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * What the OpenAPI validator lets through but no Lockstep route accepts, refused with a 400 that
 * names the parameter before any handler or database sees it:
 * - a NUL character anywhere (PostgreSQL cannot store one in text, and no name or title has one);
 * - integer query parameters written as anything but decimal digits (`Infinity`, `1e309`, `0x10`,
 *   `1.5` and ` 5` all pass a numeric check), or given twice;
 * - query parameters the route does not declare, also those Express's parser drops;
 * - a body that is not declared as JSON (it would be ignored), or nested deeper than any Lockstep
 *   body is.
 * Bodies must already be parsed (it runs after `express.json`).
 */
export function strictInput(spec: SpecPaths): RequestHandler {
  const routes = routesOf(spec);
  return (req, _res, next) => {
    const [, rawQuery = ''] = req.originalUrl.split('?', 2);
    if (/%00/i.test(req.originalUrl) || req.originalUrl.includes(NUL)) {
      throw new InputError('The request address contains a NUL character');
    }
    const query = new URLSearchParams(rawQuery);
    const route = routes.find(
      r => r.method === req.method && r.path.test(req.path),
    );
    // the validator sees only what Express's parser keeps, which drops names such as '' and __proto__
    for (const name of route ? new Set(query.keys()) : []) {
      if (!route!.query.includes(name)) {
        throw new InputError(
          `Unknown query parameter ${quote(name)}; this route takes ${
            route!.query.join(', ') || 'none'
          }`,
        );
      }
    }
    for (const name of route?.integers ?? []) {
      const values = query.getAll(name);
      if (values.length > 1) {
        throw new InputError(
          `${name}: give it once, not ${values.length} times`,
        );
      }
      if (
        values.length === 1 &&
        !new RegExp(`^\\d{1,${MAX_DIGITS}}$`).test(values[0])
      ) {
        throw new InputError(
          `${name}: must be a whole number written in decimal digits, got ${quote(
            values[0],
          )}`,
        );
      }
    }
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 ||
      req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json')) {
      throw new InputError(
        'The request body must be JSON, sent with Content-Type: application/json',
      );
    }
    const bad = findBadValue(req.body, '', 0);
    if (bad) {
      throw new InputError(
        `${bad.at ? `${bad.at}: ` : 'The request body '}${bad.problem}`,
      );
    }
    next();
  };
}
